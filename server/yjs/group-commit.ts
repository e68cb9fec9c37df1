/**
 * Group commit for shared-document updates. Under `synchronous = FULL` each SQLite commit waits
 * for an fsync, and every update must be stored before it is relayed (a relayed edit is a
 * durable edit). Paying one fsync per keystroke made the disk the relay's pace-setter, so
 * updates are queued and committed together: everything that arrived in one turn of the event
 * loop — typically what piled up in the sockets while the previous commit's fsync ran — goes
 * into one transaction, at most `maxBatch` updates at a time. Only then is any of it relayed.
 */
import type { Db } from '../../src/lib/server/db';
import { appendDocUpdates } from '../../src/lib/server/docs/store';

/** What the committer needs from a document (SharedDoc implements it). */
export interface Committable {
	readonly name: string;
	/** Hand over the updates not yet stored (and forget them). */
	takeUnstored(): Uint8Array[];
	/** The updates taken are in the database: relay them, answer what waited for them. */
	stored(updates: Uint8Array[]): void;
}

export class GroupCommit {
	readonly #db: Db;
	readonly #maxBatch: number;
	readonly #onFailed: (doc: Committable, err: unknown) => void;
	readonly #onError: (doc: Committable, err: unknown) => void;
	readonly #dirty = new Set<Committable>();
	#queued = 0;
	#scheduled: NodeJS.Immediate | null = null;
	/** Transactions committed and updates they held (for tests and the benchmark). */
	commits = 0;
	updates = 0;

	/**
	 * @param maxBatch most updates in one commit; 1 commits each update on its own, synchronously
	 *   (the behaviour before group commit, kept for comparison).
	 * @param onFailed called for each document whose updates could not be stored.
	 * @param onError called when relaying stored updates threw (a hostile update can make the
	 *   relay or compaction throw; it runs on its own turn now, so it must not end the process).
	 */
	constructor(
		db: Db,
		maxBatch: number,
		onFailed: (doc: Committable, err: unknown) => void,
		onError: (doc: Committable, err: unknown) => void
	) {
		this.#db = db;
		this.#maxBatch = Math.max(1, maxBatch);
		this.#onFailed = onFailed;
		this.#onError = onError;
	}

	/** `doc` has one more unstored update. */
	enqueue(doc: Committable): void {
		this.#dirty.add(doc);
		if (++this.#queued >= this.#maxBatch) this.flush();
		else this.#scheduled ??= setImmediate(() => this.flush());
	}

	/** Whether `doc` has updates waiting for a commit. */
	waiting(doc: Committable): boolean {
		return this.#dirty.has(doc);
	}

	/** Commit everything queued now, in one transaction, then let each document relay. */
	flush(): void {
		if (this.#scheduled) clearImmediate(this.#scheduled);
		this.#scheduled = null;
		if (!this.#dirty.size) return;
		const batch = [...this.#dirty].map((doc) => ({ doc, updates: doc.takeUnstored() }));
		this.#dirty.clear();
		this.#queued = 0;
		try {
			appendDocUpdates(
				this.#db,
				batch.flatMap(({ doc, updates }) => updates.map((update) => ({ name: doc.name, update })))
			);
		} catch (err) {
			// Nothing of this batch was stored (one transaction), so nothing of it is relayed.
			for (const { doc } of batch) this.#onFailed(doc, err);
			return;
		}
		this.commits++;
		for (const { doc, updates } of batch) {
			this.updates += updates.length;
			try {
				doc.stored(updates);
			} catch (err) {
				this.#onError(doc, err);
			}
		}
	}

	/** Stop the pending turn's commit (the caller flushes or discards what is queued). */
	dispose(): void {
		if (this.#scheduled) clearImmediate(this.#scheduled);
		this.#scheduled = null;
	}
}
