import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { translate } from '$lib/i18n';
import { getDb } from '$lib/server/db';
import { AppError } from '$lib/server/errors';
import { requireActor } from '$lib/server/http/forms';
import { getNeed, responseHours } from '$lib/server/needs/needs';

/** After 提交需求: the need as its submitter (or the staff who entered it) may see it. */
export const load: PageServerLoad = (event) => {
	const { actor } = requireActor(event);
	try {
		const need = getNeed(getDb(), actor, event.params.id);
		return { need: { id: need.id, title: need.title }, hours: responseHours() };
	} catch (err) {
		if (err instanceof AppError && err.status === 404) error(404, translate(event.locals.locale, 'error.404.title'));
		throw err;
	}
};
