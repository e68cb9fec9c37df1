import type { Actions } from '@sveltejs/kit';
import { z } from 'zod';
import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { formAction, requireActor } from '$lib/server/http/forms';
import * as projects from '$lib/server/projects';
import { can } from '$lib/shared/permissions';
import { shiftQuarter } from '$lib/shared/projects/money';
import { quarterSchema } from '$lib/shared/schemas/projects';
import { QUARTER_PATTERN } from '$lib/shared/tasks/options';

export const load: PageServerLoad = (event) => {
	const { actor, committeeId } = requireActor(event);
	const db = getDb();
	const now = projects.currentQuarter();
	const asked = event.url.searchParams.get('quarter') ?? '';
	const quarter = QUARTER_PATTERN.test(asked) ? asked : now;
	const canManage = can(actor, 'project.manage', { committeeId });
	const all = projects.listProjects(db, actor, committeeId, { quarter, drafts: canManage });
	return {
		quarter,
		// The last year's quarters and the next one: the lists people look back on and plan.
		quarters: [1, 0, -1, -2, -3, -4].map((n) => shiftQuarter(now, n)),
		items: all.filter((p) => p.status !== 'draft'),
		drafts: all.filter((p) => p.status === 'draft'),
		canManage,
		units: projects.claimingUnitOptions(db, actor, committeeId)
	};
};

export const actions: Actions = {
	claim: (event) =>
		formAction(
			event,
			z.object({ projectId: z.string().min(1).max(64), unitId: z.string().max(64).optional() }),
			({ projectId, unitId }) => {
				const r = projects.claimProject(getDb(), requireActor(event).actor, projectId, {
					unitId: unitId || undefined
				});
				return { claimed: r.projectId };
			}
		),
	publishQuarter: (event) =>
		formAction(event, z.object({ quarter: quarterSchema }), ({ quarter }) => {
			const { actor, committeeId } = requireActor(event);
			return { published: projects.publishQuarter(getDb(), actor, committeeId, quarter) };
		})
};
