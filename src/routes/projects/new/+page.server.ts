import { redirect, type Actions } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { formAction, requireActor } from '$lib/server/http/forms';
import { refuseUnless } from '$lib/server/http/pages';
import { listCommunities } from '$lib/server/org/org';
import * as projects from '$lib/server/projects';
import { can } from '$lib/shared/permissions';
import { projectInput } from '$lib/shared/schemas/projects';
import { QUARTER_PATTERN } from '$lib/shared/tasks/options';
import { projectFormInput } from '../project-form';

export const load: PageServerLoad = (event) => {
	const { actor, committeeId } = requireActor(event);
	refuseUnless(event.locals.locale, can(actor, 'project.manage', { committeeId }));
	const asked = event.url.searchParams.get('quarter') ?? '';
	return {
		quarter: QUARTER_PATTERN.test(asked) ? asked : projects.currentQuarter(),
		communities: listCommunities(getDb(), actor, committeeId).map((c) => ({
			id: c.id,
			name: c.name
		}))
	};
};

export const actions: Actions = {
	default: async (event) => {
		const { actor, committeeId } = requireActor(event);
		const result = await formAction(
			event,
			projectInput,
			(input) => ({ id: projects.createProject(getDb(), actor, committeeId, input) }),
			projectFormInput
		);
		if ('id' in result) redirect(303, `/projects/${result.id}`);
		return result;
	}
};
