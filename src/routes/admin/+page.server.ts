import { error, type Actions } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { formAction, requireActor } from '$lib/server/http/forms';
import { createCommunity, createGrid, listCommunities } from '$lib/server/org/org';
import { communityInput, gridInput } from '$lib/shared/schemas/org';
import { can } from '$lib/shared/permissions';
import { translate } from '$lib/i18n';

export const load: PageServerLoad = (event) => {
	const { actor, committeeId } = requireActor(event);
	if (!can(actor, 'org.manage', { committeeId })) error(403, translate(event.locals.locale, 'error.403.title'));
	return { communities: listCommunities(getDb(), actor, committeeId) };
};

export const actions: Actions = {
	community: (event) => {
		const { actor, committeeId } = requireActor(event);
		return formAction(event, communityInput, (input) => ({ saved: createCommunity(getDb(), actor, committeeId, input).id }));
	},
	grid: (event) => {
		const { actor, committeeId } = requireActor(event);
		return formAction(event, gridInput, (input) => ({ saved: createGrid(getDb(), actor, committeeId, input).id }));
	}
};
