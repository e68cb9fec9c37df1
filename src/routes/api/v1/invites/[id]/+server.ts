import { endpoint } from '$lib/server/api/endpoint';
import { revokeInvite } from '$lib/server/api/contracts/org';
import * as org from '$lib/server/org/org';

export const DELETE = endpoint(revokeInvite, ({ db, actor, params }) =>
	org.revokeInvite(db, actor, org.committeeOf(actor), params.id!)
);
