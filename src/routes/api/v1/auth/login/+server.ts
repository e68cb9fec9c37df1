import { endpoint } from '$lib/server/api/endpoint';
import { login } from '$lib/server/api/contracts/accounts';
import { publicUser, signIn } from '$lib/server/accounts/accounts';
import { setSessionCookie } from '$lib/server/auth/cookies';

export const POST = endpoint(login, async ({ db, body, event }) => {
	const s = await signIn(db, body, event.getClientAddress(), {
		userAgent: event.request.headers.get('user-agent')
	});
	setSessionCookie(event.cookies, event.url, s.token, s.expiresAt);
	return { user: publicUser(s.user) };
});
