import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { requireActor } from '$lib/server/http/forms';
import { orErrorPage } from '$lib/server/http/pages';
import { responseHours } from '$lib/server/needs/needs';
import { getNeed } from '$lib/server/needs/queries';

/** After 提交需求: the need as its submitter (or the staff who entered it) may see it. */
export const load: PageServerLoad = (event) => {
	const { actor } = requireActor(event);
	return orErrorPage(event.locals.locale, () => {
		const need = getNeed(getDb(), actor, event.params.id);
		return { need: { id: need.id, title: need.title }, hours: responseHours() };
	});
};
