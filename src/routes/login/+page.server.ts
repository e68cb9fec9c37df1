import { redirect, type Actions } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { formAction } from '$lib/server/http/forms';
import { signIn } from '$lib/server/accounts/accounts';
import { setSessionCookie } from '$lib/server/auth/cookies';
import { loginInput } from '$lib/shared/schemas/auth';
import { config } from '$lib/server/config';

export const load: PageServerLoad = ({ locals }) => {
	if (locals.user) redirect(303, '/');
	return { demo: config.seedDemo };
};

export const actions: Actions = {
	default: async (event) => {
		const result = await formAction(event, loginInput, async (input) => {
			const s = await signIn(getDb(), input, event.getClientAddress(), {
				userAgent: event.request.headers.get('user-agent')
			});
			setSessionCookie(event.cookies, event.url, s.token, s.expiresAt);
			return null;
		});
		if (result !== null) return result;
		const next = event.url.searchParams.get('next');
		redirect(303, next?.startsWith('/') && !next.startsWith('//') ? next : '/');
	}
};
