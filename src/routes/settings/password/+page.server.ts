import { error, type Actions } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { formAction } from '$lib/server/http/forms';
import { changePassword } from '$lib/server/accounts/passwords';
import { changePasswordForm } from '$lib/shared/schemas/account';
import { translate } from '$lib/i18n';

export const load: PageServerLoad = (event) => {
	if (!event.locals.user) error(401, translate(event.locals.locale, 'error.401.title'));
	return {};
};

export const actions: Actions = {
	default: (event) => {
		const user = event.locals.user;
		if (!user) error(401, translate(event.locals.locale, 'error.401.title'));
		return formAction(event, changePasswordForm, async (input) => {
			const r = await changePassword(getDb(), user.id, input, {
				keepSessionId: event.locals.session?.id ?? null,
				address: event.getClientAddress()
			});
			return { changed: r.endedSessions };
		});
	}
};
