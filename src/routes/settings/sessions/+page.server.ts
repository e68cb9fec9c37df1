import { error, redirect, type Actions, type RequestEvent } from '@sveltejs/kit';
import { z } from 'zod';
import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { formAction } from '$lib/server/http/forms';
import {
	endSession,
	listSessions,
	sessionHandle,
	signOutOthers
} from '$lib/server/accounts/sessions';
import { clearSessionCookie } from '$lib/server/auth/cookies';
import { translate } from '$lib/i18n';

function signedIn(event: Pick<RequestEvent, 'locals'>) {
	const user = event.locals.user;
	if (!user) error(401, translate(event.locals.locale, 'error.401.title'));
	return user;
}

export const load: PageServerLoad = (event) => {
	const user = signedIn(event);
	return { sessions: listSessions(getDb(), user.id, event.locals.session?.id ?? null) };
};

export const actions: Actions = {
	end: async (event) => {
		const user = signedIn(event);
		const current = event.locals.session ? sessionHandle(event.locals.session.id) : null;
		const result = await formAction(
			event,
			z.object({ id: z.string().min(1).max(64) }),
			({ id }) => {
				endSession(getDb(), user.id, id);
				return { ended: 1, id };
			}
		);
		// Ending this very device's session is signing out.
		if ('id' in result && result.id === current) {
			clearSessionCookie(event.cookies);
			redirect(303, '/login');
		}
		return result;
	},
	endOthers: (event) => {
		const user = signedIn(event);
		return formAction(event, z.object({}), () => ({
			ended: signOutOthers(getDb(), user.id, event.locals.session?.id ?? null)
		}));
	}
};
