import { endpoint } from '$lib/server/api/endpoint';
import * as api from '$lib/server/api/contracts/ratings';
import * as ratings from '$lib/server/ratings';

export const POST = endpoint(api.reopenNeed, ({ db, actor, params, body }) => {
	const need = ratings.reopenNeed(db, actor, params.id!, body.reason ?? '');
	return { id: need.id, status: need.status };
});
