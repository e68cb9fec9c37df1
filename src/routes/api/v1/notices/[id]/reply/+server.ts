import { endpoint } from '$lib/server/api/endpoint';
import * as api from '$lib/server/api/contracts/supervision';
import * as supervision from '$lib/server/supervision';

export const POST = endpoint(api.replyNotice, ({ db, actor, params, body }) => {
	supervision.replyNotice(db, actor, params.id!, body);
	return supervision.noticeForApi(supervision.getNotice(db, actor, params.id!));
});
