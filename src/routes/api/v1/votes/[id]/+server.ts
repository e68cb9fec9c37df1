import { endpoint } from '$lib/server/api/endpoint';
import * as api from '$lib/server/api/contracts/votes';
import * as votes from '$lib/server/votes';

export const GET = endpoint(api.getVote, ({ db, actor, params }) => {
	const vote = votes.getVote(db, actor, params.id!);
	return votes.voteForApi(vote, votes.mySeats(db, actor, votes.voteFor(db, actor, params.id!)));
});
export const DELETE = endpoint(api.deleteVote, ({ db, actor, params }) =>
	votes.deleteDraft(db, actor, params.id!)
);
