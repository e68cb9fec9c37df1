import { error, type Actions } from '@sveltejs/kit';
import { z } from 'zod';
import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { formAction, requireActor } from '$lib/server/http/forms';
import { updatePreferences } from '$lib/server/accounts/accounts';
import { createApiToken, listApiTokens, revokeApiToken } from '$lib/server/accounts/tokens';
import { preferencesInput, tokenInput } from '$lib/shared/schemas/auth';
import { translate } from '$lib/i18n';

export const load: PageServerLoad = (event) => {
	if (!event.locals.user) error(401, translate(event.locals.locale, 'error.401.title'));
	return { tokens: listApiTokens(getDb(), event.locals.user.id) };
};

export const actions: Actions = {
	preferences: (event) =>
		formAction(
			event,
			preferencesInput,
			(input) => {
				updatePreferences(getDb(), requireActor(event).actor.userId, input);
				// Without scripts this same response is the next page: show it in the new language and mode.
				if (input.locale) event.locals.locale = input.locale;
				if (input.elderMode !== undefined) event.locals.elderMode = input.elderMode;
				return { saved: true };
			},
			(v) => ({ locale: v.locale, elderMode: v.elderMode === 'on' })
		),
	createToken: (event) =>
		formAction(event, tokenInput, (input) => ({
			created: createApiToken(getDb(), requireActor(event).actor.userId, input.name)
		})),
	revokeToken: (event) =>
		formAction(event, z.object({ id: z.string().min(1) }), ({ id }) => {
			revokeApiToken(getDb(), requireActor(event).actor.userId, id);
			return { revoked: true };
		})
};
