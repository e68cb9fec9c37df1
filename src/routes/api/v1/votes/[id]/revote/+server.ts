import { endpoint } from '$lib/server/api/endpoint';
import * as api from '$lib/server/api/contracts/votes';
import * as votes from '$lib/server/votes';

export const POST = endpoint(api.revoteVote, ({ db, actor, params }) =>
	votes.voteForApi(votes.getVote(db, actor, votes.revote(db, actor, params.id!)))
);
