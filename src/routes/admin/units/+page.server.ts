import { type Actions } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { formAction, requireActor } from '$lib/server/http/forms';
import { createUnit, listUnits } from '$lib/server/org/org';
import { unitInput } from '$lib/shared/schemas/org';
import { can } from '$lib/shared/permissions';
import { refuseUnless } from '$lib/server/http/pages';

export const load: PageServerLoad = (event) => {
	const { actor, committeeId } = requireActor(event);
	refuseUnless(event.locals.locale, can(actor, 'org.manage', { committeeId }));
	return { units: listUnits(getDb(), actor, committeeId, { limit: 200 }).items };
};

export const actions: Actions = {
	default: (event) => {
		const { actor, committeeId } = requireActor(event);
		return formAction(event, unitInput, (input) => ({
			saved: createUnit(getDb(), actor, committeeId, input).id
		}));
	}
};
