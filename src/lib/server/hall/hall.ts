/**
 * The live hall (协商): going live and closing, the agenda position and floor control, and what
 * someone entering sees. Socket handlers, form actions and the API all call these verbs; each
 * checks `can()`, changes the database in one transaction (the floor state included, so an
 * acknowledged action survives a crash), then tells the hall (src/lib/server/hall/outbox.ts).
 *
 * Presence and attendance are in hall-attendance.ts; residents' questions, reactions and
 * comments in hall-talk.ts; the minutes in minutes.ts.
 */
import { and, asc, eq } from 'drizzle-orm';
import type { Db, DbLike } from '../db';
import { newId } from '../db/ids';
import { hallStates, meetings, minutes, speeches, users } from '../db/schema';
import { AppError, forbidden, notFound } from '../errors';
import { sendState } from './outbox';
import { attendanceSummary, emptyOutbox, halls, type OpenHall } from './registry';
import { readStoredDoc } from '../docs/store';
import { readAgenda } from '../../shared/agenda';
import type { HallSnapshot, HallState, QueueEntry } from '../../shared/hall';
import { can, mayKnowOfMeeting, type Action, type Actor } from '../../shared/permissions';
import { audit } from '../platform/audit';
import { checkedInQuorum, describe, endOpenStretches, startStretch } from './attendance';
import { agendaDoc, audienceToTell, getMeeting, loadMeeting, meetingScope, type MeetingView } from '../meetings/meetings';
import { notify } from '../notifications/notifications';
import { talkSnapshot } from './talk';
import { ensureMinutesSection, initMinutesDoc } from '../minutes/minutes';

export { attendanceRecord, checkIn, joinHall, leaveHall } from './attendance';
export { BROADCAST_WINDOW_MS, hallRoom } from './outbox';
export { attendanceSummary } from './registry';

/** Default speaking time per speech (the chair may extend one). */
export const DEFAULT_SPEECH_SEC = 180;

function freshState(meetingId: string, status: HallState['status']): HallState {
	return { meetingId, version: 0, status, itemId: null, itemStartedAt: null, itemUsedMs: {}, speaker: null, queue: [], speechLimitSec: DEFAULT_SPEECH_SEC, startedAt: null, closedAt: null };
}

/** The open hall of a meeting, loaded from the database on first use. Does not check permissions. */
export function openHall(db: Db, meetingId: string): OpenHall {
	const cached = halls().get(meetingId);
	if (cached) return cached;
	// The hall checks permission per action against its cached scope, so it loads the meeting unchecked.
	const view = loadMeeting(db, meetingId);
	const row = db.select().from(hallStates).where(eq(hallStates.meetingId, meetingId)).get();
	const state = row ? (row.state as HallState) : freshState(meetingId, view.status);
	const hall: OpenHall = { committeeId: view.committeeId, title: view.title, scope: meetingScope(view).meeting, quorum: view.quorum, state, people: new Map(), itemIds: new Set(), minutesSections: new Set(), checkedInQuorum: 0, outbox: emptyOutbox() };
	applyMeeting(db, hall, view);
	// Nobody is in a hall this process has not opened yet: a stretch of presence still open was
	// left by a server that stopped. It ends now; whoever comes back starts a new one.
	if (view.status === 'live') endOpenStretches(db, meetingId);
	if (halls().size >= MAX_OPEN_HALLS) forgetEmptyHalls();
	halls().set(meetingId, hall);
	return hall;
}

/** Halls kept in memory at most before empty ones are let go (their state is in the database). */
const MAX_OPEN_HALLS = 200;

function forgetEmptyHalls() {
	for (const [id, hall] of halls()) {
		if (hall.people.size === 0 && !hall.outbox.state.timer && !hall.outbox.presence.timer) halls().delete(id);
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
	const mins = db.select({ status: minutes.status }).from(minutes).where(eq(minutes.meetingId, view.id)).get();
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
export function refusalReason(db: Db, actor: Actor, meetingId: string): 'hall.notInvitedCommunity' | 'minutes.notPublished' | null {
	let view: MeetingView;
	try {
		view = loadMeeting(db, meetingId);
	} catch {
		return null;
	}
	const scope = meetingScope(view);
	if (can(actor, 'meeting.view', scope)) return can(actor, 'hall.join', scope) ? 'minutes.notPublished' : null;
	return mayKnowOfMeeting(actor, scope) ? 'hall.notInvitedCommunity' : null;
}

export function mustBeAllowed(actor: Actor, hall: OpenHall, action: Action) {
	if (!can(actor, action, hallScope(hall))) {
		// A meeting that is not live answers "not live", not "forbidden": the person may act once it starts.
		if (hall.state.status !== 'live' && can(actor, 'hall.join', hallScope(hall)) && can(actor, action, { committeeId: hall.committeeId, meeting: { ...hall.scope, status: 'live' } })) {
			throw new AppError(409, 'err.hallNotLive');
		}
		throw forbidden();
	}
}

function requireLive(hall: OpenHall) {
	if (hall.state.status !== 'live') throw new AppError(409, 'err.hallNotLive');
}

/** Store the changed floor state (inside the caller's transaction) and return the broadcast. */
function saveState(db: DbLike, hall: OpenHall, next: HallState): () => void {
	next.version = hall.state.version + 1;
	db.insert(hallStates)
		.values({ meetingId: next.meetingId, version: next.version, state: next, updatedAt: new Date() })
		.onConflictDoUpdate({ target: hallStates.meetingId, set: { version: next.version, state: next, updatedAt: new Date() } })
		.run();
	return () => {
		hall.state = next;
		sendState(hall);
	};
}

/** Change the floor: `fn` gets a copy of the state and the transaction; the state is stored, then sent. */
function changeState(db: Db, hall: OpenHall, fn: (s: HallState, tx: DbLike) => void): HallState {
	const next: HallState = structuredClone(hall.state);
	const push = db.transaction((tx) => {
		fn(next, tx);
		return saveState(tx, hall, next);
	}, { behavior: 'immediate' });
	push();
	return hall.state;
}

// --- going live and closing ------------------------------------------------------------------

function agendaItems(db: Db, meetingId: string) {
	const doc = readStoredDoc(db, agendaDoc(meetingId));
	const items = readAgenda(doc);
	doc.destroy();
	const hall = halls().get(meetingId);
	if (hall) hall.itemIds = new Set(items.map((i) => i.id));
	return items;
}

/** Is `itemId` on the meeting's agenda? (Read again only when it is not among the ids last seen.) */
export function isAgendaItem(db: Db, hall: OpenHall, itemId: string): boolean {
	return hall.itemIds.has(itemId) || agendaItems(db, hall.state.meetingId).some((i) => i.id === itemId);
}

/** The chair starts a scheduled meeting: it goes live at its first agenda item; invitees and the residents it is open to are told. */
export function startMeeting(db: Db, actor: Actor, meetingId: string): HallState {
	const hall = openHall(db, meetingId);
	const view = getMeeting(db, actor, meetingId);
	mustBeAllowed(actor, hall, 'hall.chair');
	if (view.status === 'live') return hall.state;
	if (view.status !== 'scheduled') throw new AppError(409, 'err.hallNotScheduled');
	const items = agendaItems(db, meetingId);
	const now = Date.now();
	const push = db.transaction((tx) => {
		tx.update(meetings).set({ status: 'live', updatedAt: new Date(now) }).where(eq(meetings.id, meetingId)).run();
		tx.insert(minutes).values({ meetingId }).onConflictDoNothing().run();
		const next: HallState = { ...structuredClone(hall.state), status: 'live', startedAt: now, itemId: items[0]?.id ?? null, itemStartedAt: items[0] ? now : null };
		const sendState = saveState(tx, hall, next);
		// Everyone already waiting in the hall starts being present now.
		for (const p of hall.people.values()) startStretch(tx, meetingId, p.participant, p.quorum);
		audit(tx, actor.userId, 'meeting.start', `meeting:${meetingId}`);
		const tell = notify(tx, audienceToTell(tx, view), { kind: 'meeting.live', params: { title: view.title }, link: `/meetings/${meetingId}/hall` });
		return () => {
			sendState();
			tell();
		};
	}, { behavior: 'immediate' });
	refreshHall(db, meetingId);
	initMinutesDoc(meetingId, items);
	for (const i of items) hall.minutesSections.add(i.title);
	push();
	return hall.state;
}

/** The chair closes the meeting: the speech and the item in progress end, attendance is totalled. */
export function closeMeeting(db: Db, actor: Actor, meetingId: string): HallState {
	const hall = openHall(db, meetingId);
	mustBeAllowed(actor, hall, 'hall.chair');
	if (hall.state.status === 'closed') return hall.state;
	requireLive(hall);
	const now = Date.now();
	changeState(db, hall, (s, tx) => {
		endSpeech(tx, s, now);
		leaveItem(s, now);
		s.queue = [];
		s.status = 'closed';
		s.closedAt = now;
		tx.update(meetings).set({ status: 'closed', updatedAt: new Date(now) }).where(eq(meetings.id, meetingId)).run();
		endOpenStretches(tx, meetingId, now);
		audit(tx, actor.userId, 'meeting.close', `meeting:${meetingId}`);
	});
	refreshHall(db, meetingId);
	return hall.state;
}

// --- agenda position and floor ------------------------------------------------------------

function leaveItem(s: HallState, now: number) {
	if (s.itemId && s.itemStartedAt) s.itemUsedMs[s.itemId] = (s.itemUsedMs[s.itemId] ?? 0) + Math.max(0, now - s.itemStartedAt);
	s.itemStartedAt = null;
}

function endSpeech(tx: DbLike, s: HallState, now: number) {
	const sp = s.speaker;
	if (!sp) return;
	tx.insert(speeches)
		.values({ id: newId(), meetingId: s.meetingId, itemId: sp.itemId, userId: sp.userId, pointOfOrder: sp.pointOfOrder, startedAt: new Date(sp.startedAt), endedAt: new Date(now), durationMs: Math.max(0, now - sp.startedAt) })
		.run();
	s.speaker = null;
}

/** The chair moves to the next or previous item, or to any item; everyone's view follows. */
export function moveAgenda(db: Db, actor: Actor, meetingId: string, to: 'next' | 'previous' | { itemId: string }): HallState {
	const hall = openHall(db, meetingId);
	mustBeAllowed(actor, hall, 'hall.chair');
	requireLive(hall);
	const items = agendaItems(db, meetingId);
	const at = items.findIndex((i) => i.id === hall.state.itemId);
	const target = to === 'next' ? items[at + 1] : to === 'previous' ? items[at - 1] : items.find((i) => i.id === to.itemId);
	if (!target) throw new AppError(409, to === 'next' ? 'err.hallLastItem' : 'err.hallNoSuchItem');
	if (target.id === hall.state.itemId) return hall.state;
	const now = Date.now();
	const state = changeState(db, hall, (s) => {
		leaveItem(s, now);
		s.itemId = target.id;
		s.itemStartedAt = now;
	});
	if (!hall.minutesSections.has(target.title)) {
		ensureMinutesSection(db, meetingId, target.title);
		hall.minutesSections.add(target.title);
	}
	return state;
}

/**
 * Raise or lower one's hand. A point of order goes ahead of ordinary requests (after earlier
 * points of order). Residents ask to speak only where the meeting allows it and never raise a
 * point of order; anyone in the queue may take their hand down.
 */
export function raiseHand(db: Db, actor: Actor, meetingId: string, raise: boolean, pointOfOrder = false): HallState {
	const hall = openHall(db, meetingId);
	mustBeAllowed(actor, hall, !raise ? 'hall.participate' : pointOfOrder ? 'hall.pointOfOrder' : 'hall.speak');
	const inQueue = hall.state.queue.find((q) => q.userId === actor.userId);
	if (raise ? inQueue?.pointOfOrder === pointOfOrder || hall.state.speaker?.userId === actor.userId : !inQueue) return hall.state;
	const name = hall.people.get(actor.userId)?.participant.name ?? describe(db, actor, hall.committeeId).name;
	return changeState(db, hall, (s) => {
		s.queue = s.queue.filter((q) => q.userId !== actor.userId);
		if (!raise) return;
		const entry: QueueEntry = { userId: actor.userId, name, raisedAt: inQueue?.raisedAt ?? Date.now(), pointOfOrder };
		if (pointOfOrder) {
			const after = s.queue.findLastIndex((q) => q.pointOfOrder);
			s.queue.splice(after + 1, 0, entry);
		} else {
			// Back in line by when the hand first went up (a point of order withdrawn keeps its time).
			const at = s.queue.findIndex((q) => !q.pointOfOrder && q.raisedAt > entry.raisedAt);
			s.queue.splice(at < 0 ? s.queue.length : at, 0, entry);
		}
	});
}

/**
 * Floor control: give the floor to the next in the queue or to someone in it, end the speech,
 * extend it, or set the meeting's speaking time (from the next speech on).
 */
export function floor(db: Db, actor: Actor, meetingId: string, action: 'next' | 'give' | 'end' | 'extend' | 'limit', opts: { userId?: string; seconds?: number } = {}): HallState {
	const hall = openHall(db, meetingId);
	mustBeAllowed(actor, hall, 'hall.chair');
	requireLive(hall);
	const now = Date.now();
	if (action === 'end' && !hall.state.speaker) return hall.state;
	if (action === 'extend' && !hall.state.speaker) throw new AppError(409, 'err.hallNoSpeaker');
	if (action === 'limit') {
		if (!opts.seconds) throw new AppError(422, 'err.validation', { seconds: ['err.required'] });
		if (opts.seconds === hall.state.speechLimitSec) return hall.state;
		return changeState(db, hall, (s) => void (s.speechLimitSec = opts.seconds!));
	}
	const entry = action === 'next' ? hall.state.queue[0] : action === 'give' ? hall.state.queue.find((q) => q.userId === opts.userId) : undefined;
	if ((action === 'next' || action === 'give') && !entry) throw new AppError(409, action === 'next' ? 'err.hallQueueEmpty' : 'err.hallNotInQueue');
	return changeState(db, hall, (s, tx) => {
		if (action === 'extend') {
			s.speaker!.limitSec += opts.seconds ?? 60;
			return;
		}
		endSpeech(tx, s, now);
		if (entry) {
			s.queue = s.queue.filter((q) => q.userId !== entry.userId);
			s.speaker = { userId: entry.userId, name: entry.name, startedAt: now, limitSec: s.speechLimitSec, pointOfOrder: entry.pointOfOrder, itemId: s.itemId };
		}
	});
}

/** The chair reorders the queue, takes someone off it, or clears it. */
export function editQueue(db: Db, actor: Actor, meetingId: string, action: 'move' | 'remove' | 'clear', opts: { userId?: string; toIndex?: number } = {}): HallState {
	const hall = openHall(db, meetingId);
	mustBeAllowed(actor, hall, 'hall.chair');
	requireLive(hall);
	const at = hall.state.queue.findIndex((q) => q.userId === opts.userId);
	if (action !== 'clear' && at < 0) throw new AppError(409, 'err.hallNotInQueue');
	if (action === 'clear' && hall.state.queue.length === 0) return hall.state;
	return changeState(db, hall, (s) => {
		if (action === 'clear') s.queue = [];
		else {
			const [entry] = s.queue.splice(at, 1);
			if (action === 'move') s.queue.splice(Math.min(opts.toIndex ?? 0, s.queue.length), 0, entry!);
		}
	});
}

// --- what someone entering sees, and the record -----------------------------------------

export function snapshot(db: Db, actor: Actor, hall: OpenHall): HallSnapshot {
	const talk = talkSnapshot(db, actor, hall);
	return {
		state: hall.state,
		participants: [...hall.people.values()].map((p) => p.participant),
		attendance: attendanceSummary(hall),
		...talk,
		serverNow: Date.now()
	};
}

/** The hall as the API shows it: the same snapshot a person entering gets (without entering). */
export function hallView(db: Db, actor: Actor, meetingId: string): HallSnapshot {
	return snapshot(db, actor, hallFor(db, actor, meetingId));
}

/** The speech log, optionally of one agenda item. */
export function speechLog(db: Db, actor: Actor, meetingId: string, itemId?: string) {
	hallFor(db, actor, meetingId);
	return db
		.select({ s: speeches, name: users.displayName })
		.from(speeches)
		.innerJoin(users, eq(users.id, speeches.userId))
		.where(and(eq(speeches.meetingId, meetingId), itemId ? eq(speeches.itemId, itemId) : undefined))
		.orderBy(asc(speeches.startedAt))
		.all()
		.map(({ s, name }) => ({ id: s.id, itemId: s.itemId, userId: s.userId, name, pointOfOrder: s.pointOfOrder, startedAt: s.startedAt.toISOString(), durationMs: s.durationMs }));
}
