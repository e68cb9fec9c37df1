import { endpoint } from '$lib/server/api/endpoint';
import * as api from '$lib/server/api/contracts/votes';
import * as votes from '$lib/server/votes';

export const POST = endpoint(api.openVote, ({ db, actor, params }) => {
	votes.openVote(db, actor, params.id!);
	return votes.voteForApi(votes.getVote(db, actor, params.id!));
});
