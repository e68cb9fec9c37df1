import { redirect, type Actions } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { formAction, requireActor } from '$lib/server/http/forms';
import { createMeeting } from '$lib/server/meetings/meetings';
import { listCommunities, listUnits } from '$lib/server/org/org';
import { meetingInput } from '$lib/shared/schemas/meetings';
import { can } from '$lib/shared/permissions';
import { meetingFormValues } from '../meeting-form';
import { refuseUnless } from '$lib/server/http/pages';

export const load: PageServerLoad = (event) => {
	const { actor, committeeId } = requireActor(event);
	refuseUnless(event.locals.locale, can(actor, 'meeting.create', { committeeId }));
	const db = getDb();
	return {
		units: listUnits(db, actor, committeeId, { limit: 200 }).items.map((u) => ({
			id: u.id,
			name: u.name
		})),
		communities: listCommunities(db, actor, committeeId).map((c) => ({ id: c.id, name: c.name }))
	};
};

export const actions: Actions = {
	default: async (event) => {
		const { actor, committeeId } = requireActor(event);
		const result = await formAction(
			event,
			meetingInput,
			(input) => ({ id: createMeeting(getDb(), actor, committeeId, input).id }),
			meetingFormValues
		);
		if ('id' in result) redirect(303, `/meetings/${result.id}`);
		return result;
	}
};
