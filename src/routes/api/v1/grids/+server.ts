import { endpoint } from '$lib/server/api/endpoint';
import { createGrid } from '$lib/server/api/contracts/org';
import * as org from '$lib/server/org/org';

export const POST = endpoint(createGrid, ({ db, actor, body }) => {
	const g = org.createGrid(db, actor, org.committeeOf(actor), body);
	return { id: g.id, name: g.name };
});
