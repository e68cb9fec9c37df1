import { endpoint } from '$lib/server/api/endpoint';
import { closeMeeting } from '$lib/server/api/contracts/hall';
import * as hall from '$lib/server/hall/session';

export const POST = endpoint(closeMeeting, ({ db, actor, params }) =>
	hall.closeMeeting(db, actor, params.id!)
);
