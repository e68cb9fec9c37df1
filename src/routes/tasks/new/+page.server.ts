import { redirect, type Actions } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { config } from '$lib/server/config';
import { getDb, type Db } from '$lib/server/db';
import { AppError } from '$lib/server/errors';
import { formAction, requireActor } from '$lib/server/http/forms';
import { orErrorPage, refuseUnless } from '$lib/server/http/pages';
import { getNeed } from '$lib/server/needs/queries';
import { listUnits } from '$lib/server/org/org';
import * as tasks from '$lib/server/tasks';
import * as votes from '$lib/server/votes';
import { can, type Actor } from '$lib/shared/permissions';
import { taskInputSchema } from '$lib/shared/schemas/tasks';
import { DEFAULT_ACCEPT_HOURS } from '$lib/shared/tasks/options';
import { dateToWallTime } from '$lib/time';
import { dispatchInput } from './dispatch-form';

/** A need the secretary can see, as the form lists it; null when it is gone. */
function needOption(db: Db, actor: Actor, id: string) {
	try {
		const n = getNeed(db, actor, id);
		return { id: n.id, title: n.title, status: n.status };
	} catch (err) {
		if (err instanceof AppError) return null;
		throw err;
	}
}

export const load: PageServerLoad = (event) => {
	const { actor, committeeId } = requireActor(event);
	refuseUnless(event.locals.locale, can(actor, 'task.dispatch', { committeeId }));
	const db = getDb();
	const q = event.url.searchParams;
	return orErrorPage(event.locals.locale, () => {
		const resolutionId = q.get('resolution');
		const needId = q.get('need');
		const resolution = resolutionId ? votes.getResolution(db, actor, resolutionId) : null;
		const need = !resolution && needId ? getNeed(db, actor, needId) : null;
		const needs = (resolution ? resolution.needIds : need ? [need.id] : [])
			.map((id) => needOption(db, actor, id))
			.filter((n) => n !== null);
		const due = dateToWallTime(new Date(Date.now() + 7 * 86_400_000), config.timeZone);
		return {
			from: resolution
				? {
						kind: 'resolution' as const,
						id: resolution.id,
						number: resolution.number,
						title: resolution.title
					}
				: need
					? { kind: 'need' as const, id: need.id, title: need.title }
					: null,
			defaults: {
				title: resolution?.title ?? need?.title ?? '',
				description: resolution?.text ?? need?.description ?? '',
				dueDate: due.slice(0, 10),
				dueTime: '18:00',
				acceptHours: String(DEFAULT_ACCEPT_HOURS)
			},
			needs,
			units: listUnits(db, actor, committeeId, { limit: 200 }).items.map((u) => ({
				id: u.id,
				name: u.name
			})),
			zone: config.timeZone
		};
	});
};

export const actions: Actions = {
	default: async (event) => {
		const { actor, committeeId } = requireActor(event);
		// The ticked boxes, so a refused form comes back with them still ticked.
		let ticked: { coUnitIds: string[]; needIds: string[] } = { coUnitIds: [], needIds: [] };
		const result = await formAction(
			event,
			taskInputSchema,
			(input) => ({ id: tasks.dispatchTask(getDb(), actor, committeeId, input).id }),
			(values, form) => {
				const input = dispatchInput(values, form, config.timeZone);
				ticked = { coUnitIds: input.coUnitIds as string[], needIds: input.needIds as string[] };
				return input;
			}
		);
		if ('id' in result) redirect(303, `/tasks/${result.id}?dispatched=1`);
		result.data.ticked = ticked;
		return result;
	}
};
