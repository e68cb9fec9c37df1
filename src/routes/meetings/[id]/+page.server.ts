import { redirect, type Actions } from '@sveltejs/kit';
import { z } from 'zod';
import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { formAction, requireActor } from '$lib/server/http/forms';
import { getAgenda, getMeeting, meetingScope, updateMeeting } from '$lib/server/meetings/meetings';
import { needTitles } from '$lib/server/needs/queries';
import { listCommunities, listUnits } from '$lib/server/org/org';
import { meetingPatch } from '$lib/shared/schemas/meetings';
import { can } from '$lib/shared/permissions';
import { orErrorPage } from '$lib/server/http/pages';
import { meetingFormValues } from '../meeting-form';
import { agendaDoc } from '$lib/shared/doc-names';
import { listMeetingVotes, listResolutions } from '$lib/server/votes';

export const load: PageServerLoad = (event) => {
	const { actor, committeeId } = requireActor(event);
	const db = getDb();
	const meeting = orErrorPage(event.locals.locale, () => getMeeting(db, actor, event.params.id));
	// A live meeting's page is its hall.
	if (meeting.status === 'live') redirect(303, `/meetings/${meeting.id}/hall`);
	const agenda = getAgenda(db, actor, meeting.id);
	const scope = meetingScope(meeting);
	const units = listUnits(db, actor, committeeId, { limit: 200 }).items.map((u) => ({
		id: u.id,
		name: u.name
	}));
	return {
		meeting,
		agenda,
		docName: agendaDoc(meeting.id),
		needTitles: needTitles(
			db,
			actor,
			agenda.flatMap((i) => i.needIds)
		),
		canEdit: can(actor, 'agenda.edit', scope),
		canManage: can(actor, 'meeting.manage', scope),
		canEnterHall: can(actor, 'hall.join', scope),
		units,
		communities: listCommunities(db, actor, committeeId).map((c) => ({ id: c.id, name: c.name })),
		editing: event.url.searchParams.get('edit') === '1',
		votes: listMeetingVotes(db, actor, meeting.id, { withoutBallots: true }).map((v) => ({
			id: v.id,
			title: v.title,
			status: v.status,
			outcome: v.result?.outcome ?? null
		})),
		resolutionCount: listResolutions(db, actor, { meetingId: meeting.id }).length
	};
};

const run = (event: Parameters<Actions[string]>[0], patch: Record<string, unknown>) =>
	formAction(event, z.object({}), () => ({
		saved: !!updateMeeting(getDb(), requireActor(event).actor, event.params.id!, patch)
	}));

export const actions: Actions = {
	update: (event) =>
		formAction(
			event,
			meetingPatch,
			(input) => ({
				saved: !!updateMeeting(getDb(), requireActor(event).actor, event.params.id!, input)
			}),
			meetingFormValues
		),
	schedule: (event) => run(event, { status: 'scheduled' }),
	cancel: (event) => run(event, { status: 'cancelled' })
};
