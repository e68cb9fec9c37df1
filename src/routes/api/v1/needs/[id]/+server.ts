import { endpoint } from '$lib/server/api/endpoint';
import { getNeed } from '$lib/server/api/contracts/needs';
import * as needs from '$lib/server/needs';
import { needForApi } from '$lib/server/needs/view';

export const GET = endpoint(getNeed, ({ db, actor, params }) =>
	needForApi(needs.getNeed(db, actor, params.id!))
);
