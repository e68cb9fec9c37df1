import { endpoint } from '$lib/server/api/endpoint';
import * as api from '$lib/server/api/contracts/supervision';
import * as supervision from '$lib/server/supervision';

export const POST = endpoint(api.issueNotice, ({ db, actor, body }) =>
	supervision.noticeForApi(
		supervision.getNotice(db, actor, supervision.issueNotice(db, actor, body))
	)
);
export const GET = endpoint(api.listNotices, ({ db, actor, query }) => ({
	items: supervision
		.listNotices(db, actor, { unitId: query.unit, taskId: query.task, open: query.open })
		.map(supervision.noticeForApi),
	nextCursor: null
}));
