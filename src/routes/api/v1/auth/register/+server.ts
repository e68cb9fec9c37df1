import { endpoint } from '$lib/server/api/endpoint';
import { register } from '$lib/server/api/contracts/accounts';
import { publicUser, registerResident } from '$lib/server/accounts/accounts';
import { setSessionCookie } from '$lib/server/auth/cookies';

export const POST = endpoint(register, async ({ db, body, event }) => {
	const s = await registerResident(db, body, {
		locale: event.locals.locale,
		elderMode: event.locals.elderMode
	});
	setSessionCookie(event.cookies, event.url, s.token, s.expiresAt);
	return { user: publicUser(s.user) };
});
