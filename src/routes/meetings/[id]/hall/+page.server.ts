import type { Actions } from '@sveltejs/kit';
import { z } from 'zod';
import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { formAction, requireActor } from '$lib/server/http/forms';
import { orErrorPage } from '$lib/server/http/pages';
import { getAgenda, getMeeting } from '$lib/server/meetings/meetings';
import { getMinutes } from '$lib/server/minutes/minutes';
import { can } from '$lib/shared/permissions';
import { agendaDoc, minutesDoc } from '$lib/shared/doc-names';
import { attendanceRecord } from '$lib/server/hall/attendance';
import { closeMeeting, startMeeting } from '$lib/server/hall/session';
import { hallScope, openHall, refusalReason } from '$lib/server/hall/open';
import { hallView, speechLog } from '$lib/server/hall/snapshot';
import { decisionActions, hallDecisions } from './votes.server';

export const load: PageServerLoad = (event) => {
	const { actor } = requireActor(event);
	const db = getDb();
	// Someone who may know of the meeting is told why they cannot enter; others get "no such page".
	const { meeting, snapshot } = orErrorPage(
		event.locals.locale,
		() => {
			const meeting = getMeeting(db, actor, event.params.id);
			return { meeting, snapshot: hallView(db, actor, meeting.id) };
		},
		() =>
			refusalReason(db, actor, event.params.id) === 'hall.notInvitedCommunity'
				? 'hall.notInvitedCommunity'
				: null
	);
	const scope = hallScope(openHall(db, meeting.id));
	const closed = meeting.status === 'closed';
	// Readers get the minutes as HTML instead of the editor and its document (too heavy for a phone).
	const readsMinutes =
		meeting.status !== 'scheduled' &&
		can(actor, 'minutes.view', scope) &&
		!can(actor, 'minutes.edit', scope);
	return {
		minutesHtml: readsMinutes ? getMinutes(db, actor, meeting.id).html : null,
		meeting,
		agenda: getAgenda(db, actor, meeting.id),
		agendaDocName: agendaDoc(meeting.id),
		minutesDocName: minutesDoc(meeting.id),
		minutesStatus: scope.meeting.minutes ?? 'draft',
		snapshot,
		decisions: hallDecisions(db, actor, meeting.id),
		// The record of a closed meeting is read from the database; a live hall sends it as it happens.
		record: closed
			? {
					attendance: attendanceRecord(db, actor, meeting.id),
					speeches: speechLog(db, actor, meeting.id)
				}
			: null,
		can: {
			chair: can(actor, 'hall.chair', scope),
			moderate: can(actor, 'hall.moderate', scope),
			checkIn: can(actor, 'hall.checkIn', scope),
			participate: can(actor, 'hall.participate', scope),
			// Residents ask to speak only where the meeting allows it, and never raise points of order.
			raiseHand: can(actor, 'hall.speak', scope),
			pointOfOrder: can(actor, 'hall.pointOfOrder', scope),
			viewMinutes: can(actor, 'minutes.view', scope),
			editMinutes: can(actor, 'minutes.edit', scope)
		}
	};
};

const chairAction = (fn: typeof startMeeting) => (event: Parameters<Actions[string]>[0]) =>
	formAction(event, z.object({}), () => {
		fn(getDb(), requireActor(event).actor, event.params.id!);
		return { done: true };
	});

export const actions: Actions = {
	start: chairAction(startMeeting),
	close: chairAction(closeMeeting),
	...decisionActions
};
