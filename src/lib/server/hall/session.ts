/**
 * Running a meeting: the chair takes it live at its first agenda item (invitees and the residents
 * it is open to are told), moves through the agenda (the minutes get a section for each item),
 * and closes it (the speech and the item in progress end, attendance is totalled).
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../db';
import { meetings, minutes } from '../db/schema';
import { AppError } from '../errors';
import { audit, committeeChain } from '../platform/audit';
import { announce } from '../platform/domain-events';
import { audienceToTell, getMeeting } from '../meetings/meetings';
import { ensureMinutesSection, initMinutesDoc } from '../minutes/minutes';
import { notify } from '../notifications/notifications';
import { agendaItems, mustBeAllowed, openHall, refreshHall, requireLive } from './open';
import { changeState, endSpeech, leaveItem, saveState } from './state';
import { flushStretches } from './stretch-batch';
import { endOpenStretches, startStretch } from './stretches';
import type { HallState } from '../../shared/hall';
import type { Actor } from '../../shared/permissions';

/** The chair starts a scheduled meeting: it goes live at its first agenda item; invitees and the residents it is open to are told. */
export function startMeeting(db: Db, actor: Actor, meetingId: string): HallState {
	const hall = openHall(db, meetingId);
	const view = getMeeting(db, actor, meetingId);
	mustBeAllowed(actor, hall, 'hall.chair');
	if (view.status === 'live') return hall.state;
	if (view.status !== 'scheduled') throw new AppError(409, 'err.hallNotScheduled');
	const items = agendaItems(db, meetingId);
	// Arrivals and departures still waiting to be written come first, at the times they happened.
	flushStretches(db);
	const now = Date.now();
	const push = db.transaction(
		(tx) => {
			tx.update(meetings)
				.set({ status: 'live', updatedAt: new Date(now) })
				.where(eq(meetings.id, meetingId))
				.run();
			tx.insert(minutes).values({ meetingId }).onConflictDoNothing().run();
			const next: HallState = {
				...structuredClone(hall.state),
				status: 'live',
				startedAt: now,
				itemId: items[0]?.id ?? null,
				itemStartedAt: items[0] ? now : null
			};
			const sendState = saveState(tx, hall, next);
			// Everyone already waiting in the hall starts being present now.
			for (const p of hall.people.values()) startStretch(tx, meetingId, p.participant, p.quorum);
			audit(
				tx,
				actor.userId,
				'meeting.start',
				`meeting:${meetingId}`,
				{},
				committeeChain(view.committeeId)
			);
			const tell = notify(tx, audienceToTell(tx, view), {
				kind: 'meeting.live',
				params: { title: view.title },
				link: `/meetings/${meetingId}/hall`
			});
			return () => {
				sendState();
				tell();
			};
		},
		{ behavior: 'immediate' }
	);
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
	// Departures still waiting to be written end those stretches when they happened, not now.
	flushStretches(db);
	const now = Date.now();
	const after: (() => void)[] = [];
	changeState(db, hall, (s, tx) => {
		announce('meeting.closing', { tx, meetingId, afterCommit: (fn) => after.push(fn) });
		endSpeech(tx, s, now);
		leaveItem(s, now);
		s.queue = [];
		s.status = 'closed';
		s.closedAt = now;
		tx.update(meetings)
			.set({ status: 'closed', updatedAt: new Date(now) })
			.where(eq(meetings.id, meetingId))
			.run();
		endOpenStretches(tx, meetingId, now);
		audit(
			tx,
			actor.userId,
			'meeting.close',
			`meeting:${meetingId}`,
			{},
			committeeChain(hall.committeeId)
		);
	});
	refreshHall(db, meetingId);
	for (const fn of after) fn();
	return hall.state;
}

/** The chair moves to the next or previous item, or to any item; everyone's view follows. */
export function moveAgenda(
	db: Db,
	actor: Actor,
	meetingId: string,
	to: 'next' | 'previous' | { itemId: string }
): HallState {
	const hall = openHall(db, meetingId);
	mustBeAllowed(actor, hall, 'hall.chair');
	requireLive(hall);
	const items = agendaItems(db, meetingId);
	const at = items.findIndex((i) => i.id === hall.state.itemId);
	const target =
		to === 'next'
			? items[at + 1]
			: to === 'previous'
				? items[at - 1]
				: items.find((i) => i.id === to.itemId);
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
