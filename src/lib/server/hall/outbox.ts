/**
 * How the hall's changes go out. A burst of changes (a hundred hands, five hundred people
 * arriving) goes as one message per window rather than one each: the first change after a
 * quiet spell is sent at once, later ones in the same window wait for its end and go together —
 * the latest floor state, and presence as net arrivals and departures.
 */
import type * as Y from 'yjs';
import { getHub } from '../platform/hub';
import { readAgenda } from '../../shared/agenda';
import type { AgendaItem } from '../../shared/schemas/meetings';
import type { Participant } from '../../shared/hall';
import { attendanceSummary, type OpenHall } from './registry';
import { hallRoom } from '../../shared/rooms';

/** At most one message of each kind per window; the first after a quiet spell goes at once. */
export const BROADCAST_WINDOW_MS = 50;

export function sendState(hall: OpenHall) {
	const box = hall.outbox.state;
	box.due = true;
	if (box.timer) return;
	const wait = box.sentAt + BROADCAST_WINDOW_MS - Date.now();
	if (wait <= 0) flushState(hall);
	else box.timer = setTimeout(() => flushState(hall), wait);
}

function flushState(hall: OpenHall) {
	const box = hall.outbox.state;
	if (box.timer) clearTimeout(box.timer);
	box.timer = null;
	if (!box.due) return;
	box.due = false;
	box.sentAt = Date.now();
	getHub().emit(hallRoom(hall.state.meetingId), 'hall:state', hall.state);
}

export function sendPresence(hall: OpenHall, userId: string, entry: Participant | null) {
	const box = hall.outbox.presence;
	box.changes.set(userId, entry);
	if (box.timer) return;
	const wait = box.sentAt + BROADCAST_WINDOW_MS - Date.now();
	if (wait <= 0) flushPresence(hall);
	else box.timer = setTimeout(() => flushPresence(hall), wait);
}

function flushPresence(hall: OpenHall) {
	const box = hall.outbox.presence;
	if (box.timer) clearTimeout(box.timer);
	box.timer = null;
	if (!box.changes.size) return;
	const joined: Participant[] = [];
	const left: string[] = [];
	for (const [userId, entry] of box.changes)
		if (entry) joined.push(entry);
		else left.push(userId);
	box.changes.clear();
	box.sentAt = Date.now();
	getHub().emit(hallRoom(hall.state.meetingId), 'hall:presence', {
		meetingId: hall.state.meetingId,
		joined,
		left,
		attendance: attendanceSummary(hall)
	});
}

/** Send whatever is waiting now (someone already in the hall asks for the state again: they get everything before it). */
export function flushAll(hall: OpenHall) {
	flushState(hall);
	flushPresence(hall);
}

const agendaDocName = /^meeting\/([^/]+)\/agenda$/;
const agendaBox = new Map<string, { items: AgendaItem[]; timer: NodeJS.Timeout }>();

/**
 * The agenda document changed (a chair's edit, a need put on it): the hall gets its items, so
 * people who only read the agenda follow it without loading the document. Typing is a burst of
 * updates: one message per window, the latest items.
 */
export function sendAgenda(docName: string, doc: Y.Doc) {
	const meetingId = agendaDocName.exec(docName)?.[1];
	if (!meetingId) return;
	const items = readAgenda(doc);
	const waiting = agendaBox.get(meetingId);
	if (waiting) {
		waiting.items = items;
		return;
	}
	const timer = setTimeout(() => {
		const box = agendaBox.get(meetingId);
		agendaBox.delete(meetingId);
		if (box) getHub().emit(hallRoom(meetingId), 'hall:agenda', { meetingId, items: box.items });
	}, AGENDA_WINDOW_MS);
	timer.unref?.();
	agendaBox.set(meetingId, { items, timer });
}

/** Longer than the floor's window: an agenda is read, not raced. */
const AGENDA_WINDOW_MS = 250;
