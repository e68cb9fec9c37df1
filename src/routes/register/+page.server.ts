import { redirect, type Actions } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { formAction } from '$lib/server/http/forms';
import { registerResident } from '$lib/server/accounts/accounts';
import { setSessionCookie } from '$lib/server/auth/cookies';
import { registerInput } from '$lib/shared/schemas/auth';

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user) redirect(303, '/');
	return { code: url.searchParams.get('code') ?? '' };
};

export const actions: Actions = {
	default: async (event) => {
		const result = await formAction(event, registerInput, async (input) => {
			const s = await registerResident(getDb(), input, {
				locale: event.locals.locale,
				elderMode: event.locals.elderMode
			});
			setSessionCookie(event.cookies, event.url, s.token, s.expiresAt);
			return null;
		});
		if (result !== null) return result;
		redirect(303, '/');
	}
};
