/**
 * The open hall of a meeting: loaded from the database on first use and kept in memory (the
 * registry) while people are in it, with the meeting's audience and status cached for the
 * permission checks every hall action makes. Other hall verbs start here.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../db';
import { hallStates, minutes } from '../db/schema';
import { AppError, forbidden, notFound } from '../errors';
import { readStoredDoc } from '../docs/store';
import { onDomainEvent } from '../platform/domain-events';
import { loadMeeting, meetingScope, type MeetingView } from '../meetings/meetings';
import { emptyOutbox, halls, type OpenHall } from './registry';
import { flushStretches } from './stretch-batch';
import { checkedInQuorum, endOpenStretches } from './stretches';
import { readAgenda } from '../../shared/agenda';
import { agendaDoc } from '../../shared/doc-names';
import type { HallState } from '../../shared/hall';
import { can, mayKnowOfMeeting, type Action, type Actor } from '../../shared/permissions';

/** Default speaking time per speech (the chair may extend one). */
export const DEFAULT_SPEECH_SEC = 180;

function freshState(meetingId: string, status: HallState['status']): HallState {
	return {
		meetingId,
		version: 0,
		status,
		itemId: null,
		itemStartedAt: null,
		itemUsedMs: {},
		speaker: null,
		queue: [],
		speechLimitSec: DEFAULT_SPEECH_SEC,
		startedAt: null,
		closedAt: null
	};
}

/** The open hall of a meeting, loaded from the database on first use. Does not check permissions. */
export function openHall(db: Db, meetingId: string): OpenHall {
	const cached = halls().get(meetingId);
	if (cached) return cached;
	// The hall checks permission per action against its cached scope, so it loads the meeting unchecked.
	const view = loadMeeting(db, meetingId);
	const row = db.select().from(hallStates).where(eq(hallStates.meetingId, meetingId)).get();
	const state = row ? (row.state as HallState) : freshState(meetingId, view.status);
	const hall: OpenHall = {
		committeeId: view.committeeId,
		title: view.title,
		scope: meetingScope(view).meeting,
		quorum: view.quorum,
		state,
		people: new Map(),
		itemIds: new Set(),
		minutesSections: new Set(),
		checkedInQuorum: 0,
		outbox: emptyOutbox()
	};
	applyMeeting(db, hall, view);
	// Nobody is in a hall this process has not opened yet: a stretch of presence still open was
	// left by a server that stopped. It ends now; whoever comes back starts a new one.
	if (view.status === 'live') {
		flushStretches(db); // a departure from when it was last open comes first
		endOpenStretches(db, meetingId);
	}
	if (halls().size >= MAX_OPEN_HALLS) forgetEmptyHalls();
	halls().set(meetingId, hall);
	return hall;
}

/** Halls kept in memory at most before empty ones are let go (their state is in the database). */
const MAX_OPEN_HALLS = 200;

function forgetEmptyHalls() {
	for (const [id, hall] of halls()) {
		if (hall.people.size === 0 && !hall.outbox.state.timer && !hall.outbox.presence.timer)
			halls().delete(id);
	}
}

/** Re-read a meeting's audience, status and minutes status into its open hall (after any change to them). */
export function refreshHall(db: Db, meetingId: string): void {
	const hall = halls().get(meetingId);
	if (!hall) return;
	let view;
	try {
		view = loadMeeting(db, meetingId);
	} catch {
		return void halls().delete(meetingId);
	}
	applyMeeting(db, hall, view);
}

function applyMeeting(db: Db, hall: OpenHall, view: MeetingView) {
	const mins = db
		.select({ status: minutes.status })
		.from(minutes)
		.where(eq(minutes.meetingId, view.id))
		.get();
	hall.title = view.title;
	hall.quorum = view.quorum;
	hall.scope = { ...meetingScope(view).meeting, minutes: mins?.status ?? 'draft' };
	hall.state.status = view.status;
	hall.checkedInQuorum = checkedInQuorum(db, view.id);
}

export function hallScope(hall: OpenHall) {
	return { committeeId: hall.committeeId, meeting: hall.scope };
}

/** The hall of a meeting the actor may enter (or look at through the API); 404 otherwise. */
export function hallFor(db: Db, actor: Actor, meetingId: string): OpenHall {
	const hall = openHall(db, meetingId);
	if (!can(actor, 'hall.join', hallScope(hall))) throw notFound();
	return hall;
}

/**
 * Why a person is refused a meeting's hall or minutes, when they may know the meeting exists (a
 * resident and a public meeting not open to their community): a message key to say so. Null
 * when they should be answered as if there were no such meeting.
 */
export function refusalReason(
	db: Db,
	actor: Actor,
	meetingId: string
): 'hall.notInvitedCommunity' | 'minutes.notPublished' | null {
	let view: MeetingView;
	try {
		view = loadMeeting(db, meetingId);
	} catch {
		return null;
	}
	const scope = meetingScope(view);
	if (can(actor, 'meeting.view', scope))
		return can(actor, 'hall.join', scope) ? 'minutes.notPublished' : null;
	return mayKnowOfMeeting(actor, scope) ? 'hall.notInvitedCommunity' : null;
}

export function mustBeAllowed(actor: Actor, hall: OpenHall, action: Action) {
	if (!can(actor, action, hallScope(hall))) {
		// A meeting that is not live answers "not live", not "forbidden": the person may act once it starts.
		if (
			hall.state.status !== 'live' &&
			can(actor, 'hall.join', hallScope(hall)) &&
			can(actor, action, {
				committeeId: hall.committeeId,
				meeting: { ...hall.scope, status: 'live' }
			})
		) {
			throw new AppError(409, 'err.hallNotLive');
		}
		throw forbidden();
	}
}

export function requireLive(hall: OpenHall) {
	if (hall.state.status !== 'live') throw new AppError(409, 'err.hallNotLive');
}

/** The agenda items as stored now (and the ids the hall knows of, refreshed). */
export function agendaItems(db: Db, meetingId: string) {
	const doc = readStoredDoc(db, agendaDoc(meetingId));
	const items = readAgenda(doc);
	doc.destroy();
	const hall = halls().get(meetingId);
	if (hall) hall.itemIds = new Set(items.map((i) => i.id));
	return items;
}

/** Is `itemId` on the meeting's agenda? (Read again only when it is not among the ids last seen.) */
export function isAgendaItem(db: Db, hall: OpenHall, itemId: string): boolean {
	return (
		hall.itemIds.has(itemId) || agendaItems(db, hall.state.meetingId).some((i) => i.id === itemId)
	);
}

// Meetings and minutes announce changes to a meeting; an open hall re-reads what it caches.
onDomainEvent('meeting.changed', 'hall.refresh', ({ db, meetingId }) => refreshHall(db, meetingId));
