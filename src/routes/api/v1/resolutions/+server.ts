import { endpoint } from '$lib/server/api/endpoint';
import * as api from '$lib/server/api/contracts/votes';
import * as votes from '$lib/server/votes';

export const GET = endpoint(api.listResolutions, ({ db, actor, query }) => ({
	items: votes
		.listResolutions(db, actor, {
			meetingId: query.meeting,
			year: query.year,
			q: query.q,
			needId: query.need
		})
		.map(votes.resolutionForApi),
	nextCursor: null
}));
