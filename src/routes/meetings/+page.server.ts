import type { Actions } from '@sveltejs/kit';
import { z } from 'zod';
import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { formAction, requireActor } from '$lib/server/http/forms';
import { listMeetings } from '$lib/server/meetings/meetings';
import { createFeedToken } from '$lib/server/meetings/calendar';
import { can, type Actor, type MeetingScope } from '$lib/shared/permissions';
import { config } from '$lib/server/config';
import { wallTimeToDate } from '$lib/time';

export const load: PageServerLoad = (event) => {
	const { actor, committeeId } = requireActor(event);
	const month = /^\d{4}-\d{2}$/.test(event.url.searchParams.get('month') ?? '')
		? event.url.searchParams.get('month')!
		: null;
	const view = month ? 'month' : 'list';
	// The month view shows that month (in the server's time zone); the list shows what is still to come.
	const [y, m] = (month ?? new Date().toISOString().slice(0, 7)).split('-').map(Number) as [
		number,
		number
	];
	const two = (n: number) => String(n).padStart(2, '0');
	const from = month
		? wallTimeToDate(`${y}-${two(m)}-01T00:00`, config.timeZone)!
		: new Date(Date.now() - 86_400_000);
	const to = month
		? wallTimeToDate(
				`${m === 12 ? y + 1 : y}-${two(m === 12 ? 1 : m + 1)}-01T00:00`,
				config.timeZone
			)!
		: undefined;
	return {
		view,
		month: `${y}-${String(m).padStart(2, '0')}`,
		meetings: listMeetings(getDb(), actor, committeeId, { from, to, limit: 200 }).items.map(
			({ id, title, type, startsAt, endsAt, place, status, visibility }) => ({
				id,
				title,
				type,
				startsAt,
				endsAt,
				place,
				status,
				visibility
			})
		),
		canCreate: can(actor, 'meeting.create', { committeeId }),
		intro: introFor(actor, committeeId)
	};
};

/** What this person can do with meetings, asked of the permission module for typical meetings. */
function introFor(actor: Actor, committeeId: string) {
	const unitIds = actor.roles.flatMap((r) =>
		r.committeeId === committeeId && r.unitId ? [r.unitId] : []
	);
	// Members are invited through their unit (a person may also be invited by name: then the
	// meeting's own page says so).
	const invited: MeetingScope = {
		visibility: 'members',
		status: 'live',
		unitIds,
		userIds: [],
		communityIds: []
	};
	const notInvited: MeetingScope = { ...invited, unitIds: [] };
	const scope = (meeting: MeetingScope) => ({ committeeId, meeting });
	if (can(actor, 'meeting.create', { committeeId })) return 'meeting.intro.manage' as const;
	if (can(actor, 'agenda.edit', scope(invited))) return 'meeting.intro.member' as const;
	if (can(actor, 'minutes.view', scope(notInvited))) return 'meeting.intro.observe' as const;
	if (can(actor, 'hall.checkIn', scope(invited))) return 'meeting.intro.invited' as const;
	return 'meeting.intro.resident' as const;
}

export const actions: Actions = {
	feed: (event) =>
		formAction(event, z.object({}), () => ({
			feed: `${event.url.origin}/calendar/${createFeedToken(getDb(), requireActor(event).actor.userId)}.ics`
		}))
};
