import { endpoint } from '$lib/server/api/endpoint';
import { grantRole } from '$lib/server/api/contracts/org';
import * as org from '$lib/server/org/org';

export const POST = endpoint(grantRole, ({ db, actor, body }) =>
	org.assignRole(db, actor, org.committeeOf(actor), body)
);
