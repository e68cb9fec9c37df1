import { type Actions } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { formAction, requireActor } from '$lib/server/http/forms';
import {
	createCommunity,
	createGrid,
	getCommittee,
	listCommunities,
	setVotePer
} from '$lib/server/org/org';
import { communityInput, gridInput, votingInput } from '$lib/shared/schemas/org';
import { can } from '$lib/shared/permissions';
import { refuseUnless } from '$lib/server/http/pages';

export const load: PageServerLoad = (event) => {
	const { actor, committeeId } = requireActor(event);
	refuseUnless(event.locals.locale, can(actor, 'org.manage', { committeeId }));
	return {
		communities: listCommunities(getDb(), actor, committeeId),
		votePer: getCommittee(getDb(), actor, committeeId).votePer
	};
};

export const actions: Actions = {
	community: (event) => {
		const { actor, committeeId } = requireActor(event);
		return formAction(event, communityInput, (input) => ({
			saved: createCommunity(getDb(), actor, committeeId, input).id
		}));
	},
	voting: (event) => {
		const { actor, committeeId } = requireActor(event);
		return formAction(event, votingInput, (input) => ({
			saved: setVotePer(getDb(), actor, committeeId, input.votePer).votePer
		}));
	},
	grid: (event) => {
		const { actor, committeeId } = requireActor(event);
		return formAction(event, gridInput, (input) => ({
			saved: createGrid(getDb(), actor, committeeId, input).id
		}));
	}
};
