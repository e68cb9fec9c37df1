import { endpoint } from '$lib/server/api/endpoint';
import * as api from '$lib/server/api/contracts/votes';
import * as votes from '$lib/server/votes';

export const POST = endpoint(api.createVote, ({ db, actor, body }) =>
	votes.voteForApi(votes.getVote(db, actor, votes.createVote(db, actor, body)))
);
export const GET = endpoint(api.listVotes, ({ db, actor, query }) => {
	const items = query.meeting
		? votes.listMeetingVotes(db, actor, query.meeting)
		: votes.listPolls(db, actor);
	return { items: items.map((v) => votes.voteForApi(v)), nextCursor: null };
});
