import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { listMeetings } from '$lib/server/meetings/meetings';
import { waitingCount } from '$lib/server/needs/triage';
import { meetingQuery } from '$lib/shared/schemas/meetings';
import { can } from '$lib/shared/permissions';

/**
 * The first things on a person's home page: meetings live right now that they may enter, and
 * for the staff who answer for them, the needs waiting for acceptance.
 */
export const load: PageServerLoad = ({ locals }) => {
	const committeeId = locals.actor?.roles[0]?.committeeId;
	if (!locals.actor || !committeeId) return { live: [], queue: null };
	const db = getDb();
	const { items } = listMeetings(
		db,
		locals.actor,
		committeeId,
		meetingQuery.parse({ status: 'live', limit: 5 })
	);
	return {
		live: items.map((m) => ({ id: m.id, title: m.title })),
		queue: can(locals.actor, 'need.viewQueue', { committeeId })
			? waitingCount(db, locals.actor, committeeId)
			: null
	};
};
