/** Language and elder mode: remembered on the account when signed in, in a cookie otherwise. */
import { redirect, type Actions, type RequestEvent } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { updatePreferences } from '$lib/server/accounts/accounts';
import { isLocale } from '$lib/i18n';
import { ELDER_COOKIE, LANG_COOKIE } from '$lib/server/auth/cookies';

const YEAR = 365 * 24 * 3600;

function back(event: RequestEvent): never {
	const referer = event.request.headers.get('referer');
	let to = '/';
	if (referer) {
		const url = new URL(referer);
		if (url.origin === event.url.origin) to = url.pathname + url.search;
	}
	redirect(303, to);
}

export const load = () => redirect(303, '/');

export const actions: Actions = {
	language: async (event) => {
		const value = (await event.request.formData()).get('locale');
		if (isLocale(value)) {
			event.cookies.set(LANG_COOKIE, value, {
				path: '/',
				maxAge: YEAR,
				httpOnly: false,
				sameSite: 'lax'
			});
			if (event.locals.user) updatePreferences(getDb(), event.locals.user.id, { locale: value });
		}
		back(event);
	},
	elder: async (event) => {
		const on = (await event.request.formData()).get('elderMode') === '1';
		event.cookies.set(ELDER_COOKIE, on ? '1' : '0', {
			path: '/',
			maxAge: YEAR,
			httpOnly: false,
			sameSite: 'lax'
		});
		if (event.locals.user) updatePreferences(getDb(), event.locals.user.id, { elderMode: on });
		back(event);
	}
};
