import { endpoint } from '$lib/server/api/endpoint';
import * as api from '$lib/server/api/contracts/votes';
import * as votes from '$lib/server/votes';

export const GET = endpoint(api.getResolution, ({ db, actor, params }) =>
	votes.resolutionForApi(votes.getResolution(db, actor, params.id!))
);
