import { endpoint } from '$lib/server/api/endpoint';
import * as api from '$lib/server/api/contracts/ratings';
import * as ratings from '$lib/server/ratings';

export const GET = endpoint(api.taskRatings, ({ db, actor, params }) => {
	const r = ratings.taskRatings(db, actor, params.id!);
	return { ...r, items: r.items.map(ratings.ratingForApi), nextCursor: null };
});
