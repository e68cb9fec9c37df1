import { endpoint } from '$lib/server/api/endpoint';
import { acceptNeed } from '$lib/server/api/contracts/needs';
import * as needs from '$lib/server/needs';
import { needForApi } from '$lib/server/needs/view';

export const POST = endpoint(acceptNeed, ({ db, actor, params }) => {
	needs.acceptNeed(db, actor, params.id!);
	return needForApi(needs.getNeed(db, actor, params.id!));
});
