/**
 * Casting in batches (group commit). With `synchronous = FULL` every commit waits for the disk,
 * and a thousand voters casting within a second would queue a thousand flushes one behind the
 * other. Casts that arrive together are instead written in one transaction, each in its own
 * savepoint (a refused one — already voted, closed meanwhile — is rolled back alone), and all
 * are answered once that transaction is on disk: still nobody is told their ballot counts
 * before it would survive a crash.
 */
import type { Db } from '../db';
import type { VoteRow } from '../db/schema';
import { countChanged } from './broadcast';
import {
	prepareCast,
	writeCast,
	type CastInput,
	type CastReceipt,
	type PreparedCast
} from './cast';
import type { Actor } from '../../shared/permissions';

interface Waiting {
	cast: PreparedCast;
	resolve: (r: CastReceipt) => void;
	reject: (err: unknown) => void;
}

/**
 * A batch goes once this many casts wait, without waiting for the turn of the event loop: a
 * thousand casts read in one go would otherwise all be checked before the first is written,
 * and nobody would hear back until the last was.
 */
const MOST = 32;

const KEY = Symbol.for('yiting.castBatches');
type G = typeof globalThis & { [KEY]?: Map<Db, Waiting[]> };
const queues = () => ((globalThis as G)[KEY] ??= new Map());

/**
 * Cast a ballot; resolves with the receipt once it is durable, or rejects with the refusal.
 * The same checks and the same rows as `castBallot`.
 */
export function castBallotBatched(
	db: Db,
	actor: Actor,
	voteId: string,
	input: CastInput
): Promise<CastReceipt> {
	let cast: PreparedCast;
	try {
		cast = prepareCast(db, actor, voteId, input);
	} catch (err) {
		return Promise.reject(err);
	}
	return new Promise((resolve, reject) => {
		let queue = queues().get(db);
		if (!queue) queues().set(db, (queue = []));
		queue.push({ cast, resolve, reject });
		// After the events already received are handled: they join this batch.
		if (queue.length === 1) setImmediate(() => flush(db, queue));
		else if (queue.length >= MOST) flush(db, queue);
	});
}

function flush(db: Db, batch: Waiting[]): void {
	// Sent already (full), or this is the full batch's pending turn: nothing left to write.
	if (queues().get(db) !== batch) return;
	queues().delete(db);
	const outcomes: ({ ok: true; receipt: CastReceipt } | { ok: false; err: unknown })[] = [];
	try {
		db.transaction(
			(tx) => {
				for (const w of batch) {
					try {
						outcomes.push({ ok: true, receipt: tx.transaction((sp) => writeCast(sp, w.cast)) });
					} catch (err) {
						outcomes.push({ ok: false, err });
					}
				}
			},
			{ behavior: 'immediate' }
		);
	} catch (err) {
		for (const w of batch) w.reject(err);
		return;
	}
	const changed = new Map<string, VoteRow>();
	batch.forEach((w, i) => {
		const o = outcomes[i]!;
		if (o.ok) {
			w.resolve(o.receipt);
			changed.set(w.cast.v.id, w.cast.v);
		} else w.reject(o.err);
	});
	for (const v of changed.values()) countChanged(db, v);
}
