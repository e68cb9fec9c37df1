import { endpoint } from '$lib/server/api/endpoint';
import { getHall } from '$lib/server/api/contracts/hall';
import { hallView } from '$lib/server/hall/snapshot';

export const GET = endpoint(getHall, ({ db, actor, params }) => hallView(db, actor, params.id!));
