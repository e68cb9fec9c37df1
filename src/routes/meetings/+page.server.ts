import type { Actions } from '@sveltejs/kit';
import { z } from 'zod';
import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { formAction, requireActor } from '$lib/server/forms';
import { listMeetings } from '$lib/server/services/meetings';
import { createFeedToken } from '$lib/server/services/calendar';
import { can } from '$lib/shared/permissions';
import { config } from '$lib/server/config';
import { wallTimeToDate } from '$lib/time';

export const load: PageServerLoad = (event) => {
	const { actor, committeeId } = requireActor(event);
	const month = /^\d{4}-\d{2}$/.test(event.url.searchParams.get('month') ?? '') ? event.url.searchParams.get('month')! : null;
	const view = month ? 'month' : 'list';
	// The month view shows that month (in the server's time zone); the list shows what is still to come.
	const [y, m] = (month ?? new Date().toISOString().slice(0, 7)).split('-').map(Number) as [number, number];
	const two = (n: number) => String(n).padStart(2, '0');
	const from = month ? wallTimeToDate(`${y}-${two(m)}-01T00:00`, config.timeZone)! : new Date(Date.now() - 86_400_000);
	const to = month ? wallTimeToDate(`${m === 12 ? y + 1 : y}-${two(m === 12 ? 1 : m + 1)}-01T00:00`, config.timeZone)! : undefined;
	return {
		view,
		month: `${y}-${String(m).padStart(2, '0')}`,
		meetings: listMeetings(getDb(), actor, committeeId, { from, to, limit: 200 }).items.map(({ id, title, type, startsAt, endsAt, place, status, visibility }) => ({ id, title, type, startsAt, endsAt, place, status, visibility })),
		canCreate: can(actor, 'meeting.create', { committeeId })
	};
};

export const actions: Actions = {
	feed: (event) => formAction(event, z.object({}), () => ({ feed: `${event.url.origin}/calendar/${createFeedToken(getDb(), requireActor(event).actor.userId)}.ics` }))
};
