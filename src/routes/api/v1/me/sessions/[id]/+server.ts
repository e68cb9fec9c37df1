import { endpoint } from '$lib/server/api/endpoint';
import { endSession } from '$lib/server/api/contracts/account';
import * as sessions from '$lib/server/accounts/sessions';

export const DELETE = endpoint(endSession, ({ db, userId, params }) =>
	sessions.endSession(db, userId, params.id!)
);
