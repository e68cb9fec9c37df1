import { endpoint } from '$lib/server/api/endpoint';
import * as api from '$lib/server/api/contracts/votes';
import * as votes from '$lib/server/votes';

export const POST = endpoint(api.closeVote, ({ db, actor, params }) =>
	votes.resultForApi(votes.closeVote(db, actor, params.id!))
);
