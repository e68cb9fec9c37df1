import { endpoint } from '$lib/server/api/endpoint';
import { createCommunity, listCommunities } from '$lib/server/api/contracts/org';
import * as org from '$lib/server/org/org';

export const GET = endpoint(listCommunities, ({ db, actor }) => ({
	items: org.listCommunities(db, actor, org.committeeOf(actor)).map((c) => ({
		id: c.id,
		name: c.name,
		grids: c.grids.map((g) => ({ id: g.id, name: g.name }))
	})),
	nextCursor: null
}));
export const POST = endpoint(createCommunity, ({ db, actor, body }) => {
	const c = org.createCommunity(db, actor, org.committeeOf(actor), body);
	return { id: c.id, name: c.name };
});
