import { error, redirect, type Actions } from '@sveltejs/kit';
import { inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { needs } from '$lib/server/db/schema';
import { formAction, requireActor } from '$lib/server/http/forms';
import { getAgenda, getMeeting, meetingScope, updateMeeting } from '$lib/server/meetings/meetings';
import { canSeeNeed } from '$lib/server/needs/needs';
import { listCommunities, listUnits } from '$lib/server/org/org';
import { meetingPatch } from '$lib/shared/schemas/meetings';
import { can } from '$lib/shared/permissions';
import { AppError } from '$lib/server/errors';
import { translate } from '$lib/i18n';
import { meetingFormValues } from '../meeting-form';
import { agendaDoc } from '$lib/shared/doc-names';

export const load: PageServerLoad = (event) => {
	const { actor, committeeId } = requireActor(event);
	const db = getDb();
	let meeting;
	try {
		meeting = getMeeting(db, actor, event.params.id);
	} catch (err) {
		if (err instanceof AppError) error(404, translate(event.locals.locale, 'error.404.title'));
		throw err;
	}
	// A live meeting's page is its hall.
	if (meeting.status === 'live') redirect(303, `/meetings/${meeting.id}/hall`);
	const agenda = getAgenda(db, actor, meeting.id);
	const needIds = [...new Set(agenda.flatMap((i) => i.needIds))];
	const linked = needIds.length ? db.select().from(needs).where(inArray(needs.id, needIds)).all().filter((n) => canSeeNeed(actor, n)) : [];
	const scope = meetingScope(meeting);
	const units = listUnits(db, actor, committeeId, { limit: 200 }).items.map((u) => ({ id: u.id, name: u.name }));
	return {
		meeting,
		agenda,
		docName: agendaDoc(meeting.id),
		needTitles: Object.fromEntries(linked.map((n) => [n.id, n.title])),
		canEdit: can(actor, 'agenda.edit', scope),
		canManage: can(actor, 'meeting.manage', scope),
		canEnterHall: can(actor, 'hall.join', scope),
		units,
		communities: listCommunities(db, actor, committeeId).map((c) => ({ id: c.id, name: c.name })),
		editing: event.url.searchParams.get('edit') === '1'
	};
};

const run = (event: Parameters<Actions[string]>[0], patch: Record<string, unknown>) =>
	formAction(event, z.object({}), () => ({ saved: !!updateMeeting(getDb(), requireActor(event).actor, event.params.id!, patch) }));

export const actions: Actions = {
	update: (event) =>
		formAction(event, meetingPatch, (input) => ({ saved: !!updateMeeting(getDb(), requireActor(event).actor, event.params.id!, input) }), meetingFormValues),
	schedule: (event) => run(event, { status: 'scheduled' }),
	cancel: (event) => run(event, { status: 'cancelled' })
};
