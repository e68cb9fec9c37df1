import { endpoint } from '$lib/server/api/endpoint';
import { createUnit, listUnits } from '$lib/server/api/contracts/org';
import * as org from '$lib/server/org/org';

export const GET = endpoint(listUnits, ({ db, actor, query }) => {
	const page = org.listUnits(db, actor, org.committeeOf(actor), query);
	return { items: page.items.map(({ committeeId: _, ...u }) => u), nextCursor: page.nextCursor };
});
export const POST = endpoint(createUnit, ({ db, actor, body }) => {
	const { committeeId: _, ...u } = org.createUnit(db, actor, org.committeeOf(actor), body);
	return u;
});
