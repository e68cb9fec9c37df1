import { endpoint } from '$lib/server/api/endpoint';
import * as api from '$lib/server/api/contracts/ratings';
import * as ratings from '$lib/server/ratings';

export const GET = endpoint(api.needRatings, ({ db, actor, params }) => {
	const r = ratings.needRatings(db, actor, params.id!);
	return {
		average: r.average,
		count: r.count,
		items: r.items.map(ratings.ratingForApi),
		nextCursor: null
	};
});
