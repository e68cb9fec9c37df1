import { endpoint } from '$lib/server/api/endpoint';
import { getSpeeches } from '$lib/server/api/contracts/hall';
import { speechLog } from '$lib/server/hall/snapshot';

export const GET = endpoint(getSpeeches, ({ db, actor, params, query }) => ({
	items: speechLog(db, actor, params.id!, query.itemId)
}));
