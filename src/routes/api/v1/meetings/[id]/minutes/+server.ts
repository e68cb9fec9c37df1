import { endpoint } from '$lib/server/api/endpoint';
import { getMinutes } from '$lib/server/api/contracts/hall';
import * as minutes from '$lib/server/minutes/minutes';

export const GET = endpoint(getMinutes, ({ db, actor, params }) =>
	minutes.getMinutes(db, actor, params.id!)
);
