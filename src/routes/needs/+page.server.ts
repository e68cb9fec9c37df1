import { type Actions } from '@sveltejs/kit';
import { z } from 'zod';
import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { formAction, requireActor } from '$lib/server/http/forms';
import { listCategories } from '$lib/server/needs/needs';
import { listNeeds } from '$lib/server/needs/queries';
import { supportNeed, withdrawSupport } from '$lib/server/needs/support';
import { waitingCount } from '$lib/server/needs/triage';
import { listCommunities } from '$lib/server/org/org';
import { needQuery } from '$lib/shared/schemas/needs';
import { can } from '$lib/shared/permissions';

export const load: PageServerLoad = (event) => {
	const { actor, committeeId } = requireActor(event);
	const db = getDb();
	const parsed = needQuery.safeParse(Object.fromEntries(event.url.searchParams));
	const query = parsed.success ? parsed.data : needQuery.parse({});
	return {
		query,
		page: listNeeds(db, actor, committeeId, query),
		categories: listCategories(db, actor, committeeId).map((c) => ({
			code: c.code,
			zh: c.nameZh,
			en: c.nameEn
		})),
		communities: listCommunities(db, actor, committeeId).map((c) => ({ id: c.id, name: c.name })),
		queue: waitingCount(db, actor, committeeId),
		canSubmit: can(actor, 'need.submit', { committeeId }),
		canManage: can(actor, 'need.manage', { committeeId }),
		canSupport: can(actor, 'need.support', { committeeId })
	};
};

const needId = z.object({ id: z.string().min(1).max(64) });

export const actions: Actions = {
	support: (event) => {
		const { actor } = requireActor(event);
		return formAction(event, needId, ({ id }) => ({ id, ...supportNeed(getDb(), actor, id) }));
	},
	unsupport: (event) => {
		const { actor } = requireActor(event);
		return formAction(event, needId, ({ id }) => ({ id, ...withdrawSupport(getDb(), actor, id) }));
	}
};
