import type { Actions } from '@sveltejs/kit';
import { z } from 'zod';
import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { formAction, requireActor } from '$lib/server/forms';
import { acceptNeed, declineNeed, getNeed, mergeNeed, revealPhone, supportNeed } from '$lib/server/services/needs';
import { declineInput, mergeInput, revealInput } from '$lib/shared/schemas/needs';
import { AppError } from '$lib/server/errors';
import { error } from '@sveltejs/kit';
import { translate } from '$lib/i18n';

export const load: PageServerLoad = (event) => {
	const { actor } = requireActor(event);
	try {
		return { need: getNeed(getDb(), actor, event.params.id) };
	} catch (err) {
		if (err instanceof AppError && err.status === 404) error(404, translate(event.locals.locale, 'error.404.title'));
		throw err;
	}
};

const none = z.object({});

export const actions: Actions = {
	support: (event) => formAction(event, none, () => supportNeed(getDb(), requireActor(event).actor, event.params.id!)),
	accept: (event) => formAction(event, none, () => ({ done: !!acceptNeed(getDb(), requireActor(event).actor, event.params.id!) })),
	decline: (event) => formAction(event, declineInput, ({ reason }) => ({ done: !!declineNeed(getDb(), requireActor(event).actor, event.params.id!, reason) })),
	merge: (event) => formAction(event, mergeInput, ({ intoId }) => ({ done: !!mergeNeed(getDb(), requireActor(event).actor, event.params.id!, intoId) })),
	reveal: (event) => formAction(event, revealInput, ({ reason }) => ({ phone: revealPhone(getDb(), requireActor(event).actor, event.params.id!, reason) }))
};
