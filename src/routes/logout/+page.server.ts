import { redirect, type Actions } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { signOut } from '$lib/server/accounts/accounts';
import { clearSessionCookie } from '$lib/server/auth/cookies';

export const load = () => redirect(303, '/');

export const actions: Actions = {
	default: ({ locals, cookies }) => {
		if (locals.session && locals.user) signOut(getDb(), locals.session.id, locals.user.id);
		clearSessionCookie(cookies);
		redirect(303, '/login');
	}
};
