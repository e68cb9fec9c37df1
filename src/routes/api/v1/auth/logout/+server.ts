import { endpoint } from '$lib/server/api/endpoint';
import { logout } from '$lib/server/api/contracts/accounts';
import { signOut } from '$lib/server/accounts/accounts';
import { clearSessionCookie } from '$lib/server/auth/cookies';

export const POST = endpoint(logout, ({ db, event, userId }) => {
	if (event.locals.session) signOut(db, event.locals.session.id, userId);
	clearSessionCookie(event.cookies);
});
