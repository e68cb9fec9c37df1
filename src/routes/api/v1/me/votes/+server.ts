import { endpoint } from '$lib/server/api/endpoint';
import * as api from '$lib/server/api/contracts/votes';
import * as votes from '$lib/server/votes';

export const GET = endpoint(api.myVotes, ({ db, actor }) => ({
	items: votes
		.myVoteHistory(db, actor)
		.map(({ vote, seats }) => ({ vote: votes.voteForApi(vote), seats: votes.seatsForApi(seats) })),
	nextCursor: null
}));
