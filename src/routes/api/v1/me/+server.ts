import { endpoint } from '$lib/server/api/endpoint';
import { me, updateMe } from '$lib/server/api/contracts/accounts';
import { publicUser, updatePreferences } from '$lib/server/accounts/accounts';

export const GET = endpoint(me, ({ event, actor }) => ({
	...publicUser(event.locals.user!),
	roles: actor.roles
}));
export const PATCH = endpoint(updateMe, ({ db, userId, body }) =>
	publicUser(updatePreferences(db, userId, body))
);
