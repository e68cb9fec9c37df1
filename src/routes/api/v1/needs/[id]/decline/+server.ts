import { endpoint } from '$lib/server/api/endpoint';
import { declineNeed } from '$lib/server/api/contracts/needs';
import * as needs from '$lib/server/needs';
import { needForApi } from '$lib/server/needs/view';

export const POST = endpoint(declineNeed, ({ db, actor, params, body }) => {
	needs.declineNeed(db, actor, params.id!, body.reason);
	return needForApi(needs.getNeed(db, actor, params.id!));
});
