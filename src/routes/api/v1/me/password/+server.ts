import { endpoint } from '$lib/server/api/endpoint';
import { changePassword } from '$lib/server/api/contracts/account';
import { changePassword as change } from '$lib/server/accounts/passwords';

export const POST = endpoint(changePassword, ({ db, userId, body, event }) =>
	change(db, userId, body, {
		keepSessionId: event.locals.session?.id ?? null,
		address: event.getClientAddress()
	})
);
