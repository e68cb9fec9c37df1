import { endpoint } from '$lib/server/api/endpoint';
import { createPerson, listPeople } from '$lib/server/api/contracts/org';
import * as org from '$lib/server/org/org';

export const GET = endpoint(listPeople, ({ db, actor }) => ({
	items: org.listPeople(db, actor, org.committeeOf(actor)),
	nextCursor: null
}));
export const POST = endpoint(createPerson, ({ db, actor, body }) =>
	org.createPerson(db, actor, org.committeeOf(actor), body)
);
