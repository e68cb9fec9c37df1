import { endpoint } from '$lib/server/api/endpoint';
import { enterNeed } from '$lib/server/api/contracts/needs';
import { committeeOf } from '$lib/server/org/org';
import * as needs from '$lib/server/needs';
import { needForApi } from '$lib/server/needs/view';

export const POST = endpoint(enterNeed, ({ db, actor, body }) => {
	const n = needs.createNeed(db, actor, committeeOf(actor), body, { proxy: true });
	return needForApi(needs.getNeed(db, actor, n.id));
});
