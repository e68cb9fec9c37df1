import { endpoint } from '$lib/server/api/endpoint';
import { revealPhone } from '$lib/server/api/contracts/needs';
import * as needs from '$lib/server/needs';

export const POST = endpoint(revealPhone, ({ db, actor, params, body }) => ({
	phone: needs.revealPhone(db, actor, params.id!, body.reason)
}));
