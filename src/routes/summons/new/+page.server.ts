import { redirect, type Actions } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { formAction, requireActor } from '$lib/server/http/forms';
import { orErrorPage, refuseUnless } from '$lib/server/http/pages';
import { getNeed } from '$lib/server/needs/queries';
import { listUnits } from '$lib/server/org/org';
import * as tasks from '$lib/server/tasks';
import { can } from '$lib/shared/permissions';
import { summonsInputSchema } from '$lib/shared/schemas/tasks';

export const load: PageServerLoad = (event) => {
	const { actor, committeeId } = requireActor(event);
	refuseUnless(event.locals.locale, can(actor, 'summons.create', { committeeId }));
	const db = getDb();
	const needId = event.url.searchParams.get('need');
	return orErrorPage(event.locals.locale, () => {
		const need = needId ? getNeed(db, actor, needId) : null;
		return {
			need: need && { id: need.id, title: need.title },
			units: listUnits(db, actor, committeeId, { limit: 200 }).items.map((u) => ({
				id: u.id,
				name: u.name
			}))
		};
	});
};

export const actions: Actions = {
	default: async (event) => {
		const { actor, committeeId } = requireActor(event);
		let ticked: string[] = [];
		const result = await formAction(
			event,
			summonsInputSchema,
			(input) => ({ id: tasks.createSummons(getDb(), actor, committeeId, input).id }),
			(values, form) => {
				ticked = form.getAll('unitIds').filter((v): v is string => typeof v === 'string');
				const hours = Number((values.respondHours ?? '').trim() || NaN);
				return {
					title: values.title ?? '',
					description: values.description ?? '',
					needId: values.needId || undefined,
					unitIds: ticked,
					// Unreadable hours become 0, which the schema refuses with its own message.
					respondHours: Number.isFinite(hours) ? hours : 0
				};
			}
		);
		if ('id' in result) redirect(303, `/summons/${result.id}?sent=1`);
		result.data.ticked = ticked;
		return result;
	}
};
