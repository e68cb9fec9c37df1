import { endpoint } from '$lib/server/api/endpoint';
import * as api from '$lib/server/api/contracts/votes';
import * as votes from '$lib/server/votes';

export const GET = endpoint(api.listProxies, ({ db, actor, params }) =>
	votes.listProxies(db, actor, params.id!)
);
