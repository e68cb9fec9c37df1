import { endpoint } from '$lib/server/api/endpoint';
import { startMeeting } from '$lib/server/api/contracts/hall';
import * as hall from '$lib/server/hall/session';

export const POST = endpoint(startMeeting, ({ db, actor, params }) =>
	hall.startMeeting(db, actor, params.id!)
);
