import { endpoint } from '$lib/server/api/endpoint';
import * as api from '$lib/server/api/contracts/ratings';
import * as ratings from '$lib/server/ratings';

/** The caller's own rating, or, with `userId` and `channel`, one staff enter for a resident. */
export const POST = endpoint(api.rateNeed, ({ db, actor, params, body }) => {
	const { userId, channel, ...own } = body;
	const row =
		userId && channel
			? ratings.enterRating(db, actor, params.id!, { ...own, userId, channel })
			: ratings.rateNeed(db, actor, params.id!, own);
	return ratings.ratingForApi(row);
});
