import { endpoint } from '$lib/server/api/endpoint';
import { removeRole } from '$lib/server/api/contracts/org';
import * as org from '$lib/server/org/org';

export const DELETE = endpoint(removeRole, ({ db, actor, params }) =>
	org.removeRole(db, actor, org.committeeOf(actor), params.id!)
);
