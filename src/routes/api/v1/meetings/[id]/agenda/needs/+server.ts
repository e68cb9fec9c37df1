import { endpoint } from '$lib/server/api/endpoint';
import { putNeedsOnAgenda } from '$lib/server/api/contracts/meetings';
import * as meetings from '$lib/server/meetings/meetings';

export const POST = endpoint(putNeedsOnAgenda, ({ db, actor, params, body }) =>
	meetings.putNeedsOnAgenda(db, actor, params.id!, body)
);
