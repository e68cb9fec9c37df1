import type { Actions } from '@sveltejs/kit';
import { z } from 'zod';
import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { formAction, requireActor } from '$lib/server/http/forms';
import { orErrorPage } from '$lib/server/http/pages';
import { listCategories } from '$lib/server/needs/needs';
import { getUnit, listCommunities } from '$lib/server/org/org';
import * as projects from '$lib/server/projects';
import { resourceInput, resourcePatch } from '$lib/shared/schemas/projects';

export const load: PageServerLoad = (event) => {
	const { actor, committeeId } = requireActor(event);
	const db = getDb();
	return orErrorPage(event.locals.locale, () => {
		const unit = getUnit(db, actor, event.params.id);
		const resources = projects.listResources(db, actor, unit.id);
		const canManage = projects.mayManageResources(db, actor, unit.id);
		return {
			unit: { id: unit.id, name: unit.name },
			resources,
			canManage,
			communities: listCommunities(db, actor, committeeId).map((c) => ({
				id: c.id,
				name: c.name
			})),
			categories: listCategories(db, actor, committeeId).map((c) => ({
				code: c.code,
				zh: c.nameZh,
				en: c.nameEn
			}))
		};
	});
};

/** The form's fields as the schemas read them: ticked categories as a list, "anywhere" as null. */
function resourceForm(values: Record<string, string>, form: FormData): Record<string, unknown> {
	return {
		kind: values.kind ?? '',
		name: values.name ?? '',
		capacity: values.capacity ?? '',
		contact: values.contact ?? '',
		communityId: values.communityId || null,
		categories: form.getAll('categories').filter((c): c is string => typeof c === 'string'),
		note: values.note ?? ''
	};
}

const rid = z.object({ id: z.string().min(1).max(64) });

export const actions: Actions = {
	add: (event) =>
		formAction(
			event,
			resourceInput,
			(input) => ({
				added: projects.addResource(getDb(), requireActor(event).actor, event.params.id!, input)
			}),
			resourceForm
		),
	edit: (event) =>
		formAction(
			event,
			resourcePatch.extend(rid.shape),
			({ id, ...patch }) => {
				projects.editResource(getDb(), requireActor(event).actor, id, patch);
				return { saved: id };
			},
			(values, form) => ({ ...resourceForm(values, form), id: values.id ?? '' })
		),
	remove: (event) =>
		formAction(event, rid, ({ id }) => {
			projects.removeResource(getDb(), requireActor(event).actor, id);
			return { removed: id };
		})
};
