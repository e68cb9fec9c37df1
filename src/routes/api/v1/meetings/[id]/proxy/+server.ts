import { endpoint } from '$lib/server/api/endpoint';
import * as api from '$lib/server/api/contracts/votes';
import * as votes from '$lib/server/votes';

export const PUT = endpoint(api.giveProxy, ({ db, actor, params, body }) =>
	votes.giveProxy(db, actor, params.id!, body.toUserId)
);
export const DELETE = endpoint(api.withdrawProxy, ({ db, actor, params }) =>
	votes.withdrawProxy(db, actor, params.id!)
);
