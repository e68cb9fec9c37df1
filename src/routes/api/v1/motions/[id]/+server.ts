import { endpoint } from '$lib/server/api/endpoint';
import * as api from '$lib/server/api/contracts/votes';
import * as votes from '$lib/server/votes';

export const GET = endpoint(api.getMotion, ({ db, actor, params }) =>
	votes.motionForApi(votes.getMotion(db, actor, params.id!))
);
export const PATCH = endpoint(api.amendMotion, ({ db, actor, params, body }) =>
	votes.motionForApi(votes.amendMotion(db, actor, params.id!, body))
);
