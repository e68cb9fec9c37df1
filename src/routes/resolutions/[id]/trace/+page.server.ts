import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { requireActor } from '$lib/server/http/forms';
import { orErrorPage } from '$lib/server/http/pages';
import { resolutionTrace } from '$lib/server/insight/trace';

export const load: PageServerLoad = (event) => {
	const { actor } = requireActor(event);
	return orErrorPage(event.locals.locale, () => ({
		trace: resolutionTrace(getDb(), actor, event.params.id)
	}));
};
