/**
 * Stretches of presence written in groups (group commit). With `synchronous = FULL` every
 * commit waits for the disk; a thousand people entering a hall within a second would queue a
 * thousand flushes one behind the other and hold the server for seconds. Arrivals and
 * departures that come together are instead written in one transaction, in the order they
 * happened and each with the time it happened, and are answered once that transaction is on
 * disk: an acknowledged entry is still durable, and the record is the same as if each had been
 * written alone.
 */
import type { Db, DbLike } from '../db';
import { endStretch, startStretch } from './stretches';
import type { Participant } from '../../shared/hall';

export type StretchWrite =
	| { kind: 'start'; meetingId: string; participant: Participant; quorum: boolean; at: number }
	| { kind: 'end'; meetingId: string; userId: string; at: number };

interface Waiting {
	write: StretchWrite | null;
	/** Run right after the commit, in order (the broadcast that follows the stored change). */
	after?: () => void;
	resolve: () => void;
	reject: (err: unknown) => void;
}

/**
 * A batch is written once this many wait, without waiting for the turn of the event loop, so
 * one transaction stays short and the first of a thousand arrivals is not answered only after
 * the last was read.
 */
const MOST = 200;

const KEY = Symbol.for('yiting.stretchBatches');
type G = typeof globalThis & { [KEY]?: Map<Db, Waiting[]> };
const queues = () => ((globalThis as G)[KEY] ??= new Map());

/** Queue a stretch's start or end; resolves once it is on disk (after `after` has run). */
export function writeStretch(db: Db, write: StretchWrite, after?: () => void): Promise<void> {
	return enqueue(db, write, after);
}

/**
 * Resolves once everything queued before it is on disk (at once when nothing is): an answer
 * that must not come before an earlier arrival or departure is stored waits for this.
 */
export function stretchesWritten(db: Db): Promise<void> {
	return queues().get(db)?.length ? enqueue(db, null) : Promise.resolve();
}

/** Write what is queued now, in this turn (before reading the record, starting or closing). */
export function flushStretches(db: Db): void {
	const queue = queues().get(db);
	if (queue) flush(db, queue);
}

function enqueue(db: Db, write: StretchWrite | null, after?: () => void): Promise<void> {
	return new Promise((resolve, reject) => {
		let queue = queues().get(db);
		if (!queue) queues().set(db, (queue = []));
		queue.push({ write, after, resolve, reject });
		// After the events already received are handled: they join this batch.
		if (queue.length === 1) setImmediate(() => flush(db, queue));
		else if (queue.length >= MOST) flush(db, queue);
	});
}

function apply(tx: DbLike, w: StretchWrite) {
	if (w.kind === 'start') startStretch(tx, w.meetingId, w.participant, w.quorum, w.at);
	else endStretch(tx, w.meetingId, w.userId, w.at);
}

function flush(db: Db, batch: Waiting[]): void {
	// Written already (full, or flushed by a reader): nothing left of this batch.
	if (queues().get(db) !== batch) return;
	queues().delete(db);
	try {
		db.transaction(
			(tx) => {
				for (const w of batch) if (w.write) apply(tx, w.write);
			},
			{ behavior: 'immediate' }
		);
	} catch (err) {
		for (const w of batch) w.reject(err);
		return;
	}
	for (const w of batch) w.after?.();
	for (const w of batch) w.resolve();
}
