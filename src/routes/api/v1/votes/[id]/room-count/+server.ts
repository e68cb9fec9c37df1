import { endpoint } from '$lib/server/api/endpoint';
import * as api from '$lib/server/api/contracts/votes';
import * as votes from '$lib/server/votes';

export const POST = endpoint(api.roomCount, ({ db, actor, params, body }) =>
	votes.recordRoomCount(db, actor, params.id!, body)
);
