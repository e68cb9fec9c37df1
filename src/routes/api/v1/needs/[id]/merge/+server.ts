import { endpoint } from '$lib/server/api/endpoint';
import { mergeNeed } from '$lib/server/api/contracts/needs';
import * as needs from '$lib/server/needs';
import { needForApi } from '$lib/server/needs/view';

export const POST = endpoint(mergeNeed, ({ db, actor, params, body }) => {
	needs.mergeNeed(db, actor, params.id!, body.intoId);
	return needForApi(needs.getNeed(db, actor, params.id!));
});
