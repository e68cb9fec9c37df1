import type { Actions } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { formAction } from '$lib/server/http/forms';
import { resetLinkFor, resetPassword } from '$lib/server/accounts/passwords';
import { clearSessionCookie } from '$lib/server/auth/cookies';
import { resetPasswordForm } from '$lib/shared/schemas/account';

export const load: PageServerLoad = ({ params, setHeaders }) => {
	// The secret is in the address: keep the page out of every cache.
	setHeaders({ 'cache-control': 'no-store' });
	const link = resetLinkFor(getDb(), params.token);
	return { link: link ? { login: link.login, displayName: link.displayName } : null };
};

export const actions: Actions = {
	default: (event) =>
		formAction(
			event,
			resetPasswordForm,
			async (input) => {
				const { userId } = await resetPassword(getDb(), event.params.token!, input.newPassword);
				// Every session of the person has ended, this browser's too if it was theirs.
				if (event.locals.user?.id === userId) clearSessionCookie(event.cookies);
				return { done: true };
			},
			(v) => ({ newPassword: v.newPassword, confirmPassword: v.confirmPassword })
		)
};
