/**
 * One loaded shared document: its Y.Doc, its awareness, and the connections editing or
 * reading it. Updates are committed to SQLite (in groups, see GroupCommit) before they are
 * relayed to anyone, and answers that would reveal state not yet stored wait for it too.
 */
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { WebSocket } from 'ws';
import type { Db } from '../../src/lib/server/db';
import { compactDoc, loadDocUpdates } from '../../src/lib/server/docs/store';
import type { Committable, GroupCommit } from './group-commit';
import { encodeAwareness, encodeUpdate } from './protocol';

export interface Connection {
	ws: WebSocket;
	userId: string;
	sessionId: string | null;
	tokenId: string | null;
	readOnly: boolean;
	/** Awareness client ids this connection controls (removed when it closes). */
	clientIds: Set<number>;
	alive: boolean;
	/** A read-only connection was told its write was dropped (told once). */
	toldWriteDropped?: boolean;
}

export interface SharedDocOptions {
	db: Db;
	/** Compact the update log after this many stored updates. */
	compactEvery: number;
	commits: GroupCommit;
	/** Called after updates were stored and relayed. */
	onStored?: (name: string, doc: Y.Doc) => void;
}

export class SharedDoc implements Committable {
	readonly doc = new Y.Doc();
	readonly awareness: awarenessProtocol.Awareness;
	readonly conns = new Map<WebSocket, Connection>();
	/** Updates appended since the last compaction. */
	pending = 0;
	/** Set when appending to the database failed: nothing further may be relayed. */
	storageError: unknown = null;
	/** Updates applied here but not yet committed, with the connection each came from. */
	#unstored: { update: Uint8Array; origin: unknown }[] = [];
	/** Answers that would reveal unstored state, held until it is stored. */
	#afterStore: (() => void)[] = [];
	readonly #opts: SharedDocOptions;

	constructor(
		readonly name: string,
		opts: SharedDocOptions
	) {
		this.#opts = opts;
		// Load everything stored before any client can ask for state (answers to SyncStep1).
		const stored = loadDocUpdates(opts.db, name);
		Y.transact(this.doc, () => {
			for (const u of stored) Y.applyUpdate(this.doc, u);
		});
		this.pending = stored.length > 1 ? stored.length : 0;
		this.awareness = new awarenessProtocol.Awareness(this.doc);
		this.awareness.setLocalState(null);
		this.doc.on('update', this.#onUpdate);
		this.awareness.on('update', this.#onAwareness);
		// A long log (the server died before compacting it) is replayed once, not on every load.
		if (this.pending >= opts.compactEvery) this.compact();
	}

	#onUpdate = (update: Uint8Array, origin: unknown) => {
		if (this.storageError) return;
		this.#unstored.push({ update, origin });
		this.#opts.commits.enqueue(this);
	};

	takeUnstored(): Uint8Array[] {
		return this.#unstored.map((u) => u.update);
	}

	stored(updates: Uint8Array[]): void {
		const done = this.#unstored.splice(0, updates.length);
		this.pending += done.length;
		for (const { update, origin } of done) {
			const message = encodeUpdate(update);
			const from = (origin as Connection | undefined)?.ws;
			for (const [ws] of this.conns) if (ws !== from) send(ws, message);
		}
		for (const answer of this.#afterStore.splice(0)) answer();
		if (this.pending >= this.#opts.compactEvery) this.compact();
		this.#opts.onStored?.(this.name, this.doc);
	}

	/** Run `answer` once everything applied so far is stored (now, when nothing waits). */
	whenStored(answer: () => void): void {
		if (this.#unstored.length) this.#afterStore.push(answer);
		else answer();
	}

	#onAwareness = (
		{ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
		origin: unknown
	) => {
		const changed = [...added, ...updated, ...removed];
		const conn = origin as Connection | undefined;
		if (conn?.clientIds) {
			for (const id of added) conn.clientIds.add(id);
			for (const id of removed) conn.clientIds.delete(id);
		}
		const message = encodeAwareness(this.awareness, changed);
		for (const [ws] of this.conns) send(ws, message);
	};

	/** Replace the stored log by one snapshot of the current state. */
	compact(): void {
		if (this.storageError || this.pending === 0) return;
		// Unstored updates are in the snapshot: store them first, or they would be stored twice.
		if (this.#unstored.length) this.#opts.commits.flush();
		if (this.storageError) return;
		compactDoc(this.#opts.db, this.name, Y.encodeStateAsUpdate(this.doc));
		this.pending = 0;
	}

	removeConnection(conn: Connection): void {
		this.conns.delete(conn.ws);
		if (conn.clientIds.size)
			awarenessProtocol.removeAwarenessStates(this.awareness, [...conn.clientIds], null);
	}

	destroy(): void {
		this.#unstored = [];
		this.#afterStore = [];
		this.doc.off('update', this.#onUpdate);
		this.awareness.destroy();
		this.doc.destroy();
	}
}

export function send(ws: WebSocket, message: Uint8Array): void {
	if (ws.readyState !== ws.OPEN) return;
	ws.send(message, (err) => {
		if (err) ws.terminate();
	});
}
