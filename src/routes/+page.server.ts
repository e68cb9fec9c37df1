import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { listMeetings } from '$lib/server/services/meetings';
import { meetingQuery } from '$lib/shared/schemas/meetings';

/** Meetings live right now that this person may enter: the first thing on their home page. */
export const load: PageServerLoad = ({ locals }) => {
	const committeeId = locals.actor?.roles[0]?.committeeId;
	if (!locals.actor || !committeeId) return { live: [] };
	const { items } = listMeetings(getDb(), locals.actor, committeeId, meetingQuery.parse({ status: 'live', limit: 5 }));
	return { live: items.map((m) => ({ id: m.id, title: m.title })) };
};
