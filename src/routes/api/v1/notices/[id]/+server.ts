import { endpoint } from '$lib/server/api/endpoint';
import * as api from '$lib/server/api/contracts/supervision';
import * as supervision from '$lib/server/supervision';

export const GET = endpoint(api.getNotice, ({ db, actor, params }) =>
	supervision.noticeForApi(supervision.getNotice(db, actor, params.id!))
);
