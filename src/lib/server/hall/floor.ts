/**
 * Floor control (发言管理): raising and lowering hands (a point of order goes first), giving the
 * floor, ending or extending a speech, the speaking time, and the chair's edits to the queue.
 */
import type { Db } from '../db';
import { AppError } from '../errors';
import { mustBeAllowed, openHall, requireLive } from './open';
import { describe } from './participants';
import { changeState, endSpeech } from './state';
import type { HallState, QueueEntry } from '../../shared/hall';
import type { Actor } from '../../shared/permissions';

/**
 * Raise or lower one's hand. A point of order goes ahead of ordinary requests (after earlier
 * points of order). Residents ask to speak only where the meeting allows it and never raise a
 * point of order; anyone in the queue may take their hand down.
 */
export function raiseHand(
	db: Db,
	actor: Actor,
	meetingId: string,
	raise: boolean,
	pointOfOrder = false
): HallState {
	const hall = openHall(db, meetingId);
	mustBeAllowed(
		actor,
		hall,
		!raise ? 'hall.participate' : pointOfOrder ? 'hall.pointOfOrder' : 'hall.speak'
	);
	const inQueue = hall.state.queue.find((q) => q.userId === actor.userId);
	if (
		raise
			? inQueue?.pointOfOrder === pointOfOrder || hall.state.speaker?.userId === actor.userId
			: !inQueue
	)
		return hall.state;
	const name =
		hall.people.get(actor.userId)?.participant.name ?? describe(db, actor, hall.committeeId).name;
	return changeState(db, hall, (s) => {
		s.queue = s.queue.filter((q) => q.userId !== actor.userId);
		if (!raise) return;
		const entry: QueueEntry = {
			userId: actor.userId,
			name,
			raisedAt: inQueue?.raisedAt ?? Date.now(),
			pointOfOrder
		};
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
export function floor(
	db: Db,
	actor: Actor,
	meetingId: string,
	action: 'next' | 'give' | 'end' | 'extend' | 'limit',
	opts: { userId?: string; seconds?: number } = {}
): HallState {
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
	const entry =
		action === 'next'
			? hall.state.queue[0]
			: action === 'give'
				? hall.state.queue.find((q) => q.userId === opts.userId)
				: undefined;
	if ((action === 'next' || action === 'give') && !entry)
		throw new AppError(409, action === 'next' ? 'err.hallQueueEmpty' : 'err.hallNotInQueue');
	return changeState(db, hall, (s, tx) => {
		if (action === 'extend') {
			s.speaker!.limitSec += opts.seconds ?? 60;
			return;
		}
		endSpeech(tx, s, now);
		if (entry) {
			s.queue = s.queue.filter((q) => q.userId !== entry.userId);
			s.speaker = {
				userId: entry.userId,
				name: entry.name,
				startedAt: now,
				limitSec: s.speechLimitSec,
				pointOfOrder: entry.pointOfOrder,
				itemId: s.itemId
			};
		}
	});
}

/** The chair reorders the queue, takes someone off it, or clears it. */
export function editQueue(
	db: Db,
	actor: Actor,
	meetingId: string,
	action: 'move' | 'remove' | 'clear',
	opts: { userId?: string; toIndex?: number } = {}
): HallState {
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
