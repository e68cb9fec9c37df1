import type { Actions } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { formAction, requireActor } from '$lib/server/http/forms';
import { orErrorPage } from '$lib/server/http/pages';
import * as tasks from '$lib/server/tasks';
import { summonsResponseSchema } from '$lib/shared/schemas/tasks';

export const load: PageServerLoad = (event) => {
	const { actor } = requireActor(event);
	return orErrorPage(event.locals.locale, () => ({
		summons: tasks.getSummons(getDb(), actor, event.params.id),
		sent: event.url.searchParams.has('sent')
	}));
};

export const actions: Actions = {
	respond: (event) =>
		formAction(
			event,
			summonsResponseSchema,
			(input) => {
				tasks.respondSummons(getDb(), requireActor(event).actor, event.params.id!, input);
				return { done: true };
			},
			(v) => ({ unitId: v.unitId || undefined, response: v.response ?? '' })
		)
};
