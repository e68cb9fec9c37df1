import { endpoint } from '$lib/server/api/endpoint';
import * as api from '$lib/server/api/contracts/votes';
import * as votes from '$lib/server/votes';

export const GET = endpoint(api.listMotions, ({ db, actor, params }) => ({
	items: votes.listMotions(db, actor, params.id!).map(votes.motionForApi),
	nextCursor: null
}));
