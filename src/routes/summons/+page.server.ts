import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { requireActor } from '$lib/server/http/forms';
import { orErrorPage } from '$lib/server/http/pages';
import * as tasks from '$lib/server/tasks';
import { can } from '$lib/shared/permissions';

export const load: PageServerLoad = (event) => {
	const { actor, committeeId } = requireActor(event);
	return orErrorPage(event.locals.locale, () => ({
		summonses: tasks.listSummonses(getDb(), actor, committeeId),
		canCreate: can(actor, 'summons.create', { committeeId })
	}));
};
