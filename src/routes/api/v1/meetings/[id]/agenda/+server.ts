import { endpoint } from '$lib/server/api/endpoint';
import { getAgenda } from '$lib/server/api/contracts/meetings';
import * as meetings from '$lib/server/meetings/meetings';

export const GET = endpoint(getAgenda, ({ db, actor, params }) => ({
	items: meetings.getAgenda(db, actor, params.id!)
}));
