/**
 * The floor state (agenda position, speaker, queue) is changed in one place: a copy is changed
 * and stored in the caller's transaction, so an acknowledged action survives a crash, and only
 * then sent to the hall (outbox.ts).
 */
import { newId } from '../db/ids';
import type { Db, DbLike } from '../db';
import { hallStates, speeches } from '../db/schema';
import { sendState } from './outbox';
import type { OpenHall } from './registry';
import type { HallState } from '../../shared/hall';

/** Store the changed floor state (inside the caller's transaction) and return the broadcast. */
export function saveState(db: DbLike, hall: OpenHall, next: HallState): () => void {
	next.version = hall.state.version + 1;
	db.insert(hallStates)
		.values({
			meetingId: next.meetingId,
			version: next.version,
			state: next,
			updatedAt: new Date()
		})
		.onConflictDoUpdate({
			target: hallStates.meetingId,
			set: { version: next.version, state: next, updatedAt: new Date() }
		})
		.run();
	return () => {
		hall.state = next;
		sendState(hall);
	};
}

/** Change the floor: `fn` gets a copy of the state and the transaction; the state is stored, then sent. */
export function changeState(
	db: Db,
	hall: OpenHall,
	fn: (s: HallState, tx: DbLike) => void
): HallState {
	const next: HallState = structuredClone(hall.state);
	const push = db.transaction(
		(tx) => {
			fn(next, tx);
			return saveState(tx, hall, next);
		},
		{ behavior: 'immediate' }
	);
	push();
	return hall.state;
}

export function leaveItem(s: HallState, now: number) {
	if (s.itemId && s.itemStartedAt)
		s.itemUsedMs[s.itemId] = (s.itemUsedMs[s.itemId] ?? 0) + Math.max(0, now - s.itemStartedAt);
	s.itemStartedAt = null;
}

export function endSpeech(tx: DbLike, s: HallState, now: number) {
	const sp = s.speaker;
	if (!sp) return;
	tx.insert(speeches)
		.values({
			id: newId(),
			meetingId: s.meetingId,
			itemId: sp.itemId,
			userId: sp.userId,
			pointOfOrder: sp.pointOfOrder,
			startedAt: new Date(sp.startedAt),
			endedAt: new Date(now),
			durationMs: Math.max(0, now - sp.startedAt)
		})
		.run();
	s.speaker = null;
}
