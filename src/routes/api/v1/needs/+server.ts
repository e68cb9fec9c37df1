import { endpoint } from '$lib/server/api/endpoint';
import { createNeed, listNeeds } from '$lib/server/api/contracts/needs';
import { committeeOf } from '$lib/server/org/org';
import * as needs from '$lib/server/needs';
import { needForApi } from '$lib/server/needs/view';

export const GET = endpoint(listNeeds, ({ db, actor, query }) =>
	needs.listNeeds(db, actor, committeeOf(actor), query)
);
export const POST = endpoint(createNeed, ({ db, actor, body }) => {
	const n = needs.createNeed(db, actor, committeeOf(actor), body);
	return needForApi(needs.getNeed(db, actor, n.id));
});
