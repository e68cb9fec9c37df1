import { endpoint } from '$lib/server/api/endpoint';
import * as api from '$lib/server/api/contracts/votes';
import * as votes from '$lib/server/votes';

export const POST = endpoint(api.createMotion, ({ db, actor, body }) =>
	votes.motionForApi(votes.createMotion(db, actor, body))
);
