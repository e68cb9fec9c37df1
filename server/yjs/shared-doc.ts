/**
 * One loaded shared document: its Y.Doc, its awareness, and the connections editing or
 * reading it. Updates are appended to SQLite before they are relayed to anyone.
 */
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { WebSocket } from 'ws';
import type { Db } from '../../src/lib/server/db';
import { appendDocUpdate, compactDoc, loadDocUpdates } from '../../src/lib/server/docs/store';
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
}

export class SharedDoc {
	readonly doc = new Y.Doc();
	readonly awareness: awarenessProtocol.Awareness;
	readonly conns = new Map<WebSocket, Connection>();
	/** Updates appended since the last compaction. */
	pending = 0;
	/** Set when appending to the database failed: nothing further may be relayed. */
	storageError: unknown = null;

	constructor(
		readonly name: string,
		private readonly db: Db,
		private readonly compactEvery: number
	) {
		// Load everything stored before any client can ask for state (answers to SyncStep1).
		const stored = loadDocUpdates(db, name);
		Y.transact(this.doc, () => {
			for (const u of stored) Y.applyUpdate(this.doc, u);
		});
		this.pending = stored.length > 1 ? stored.length : 0;
		this.awareness = new awarenessProtocol.Awareness(this.doc);
		this.awareness.setLocalState(null);
		this.doc.on('update', this.#onUpdate);
		this.awareness.on('update', this.#onAwareness);
	}

	#onUpdate = (update: Uint8Array, origin: unknown) => {
		if (this.storageError) return;
		try {
			appendDocUpdate(this.db, this.name, update);
		} catch (err) {
			// Not stored, so not relayed: the sender still holds the edit and resends it on reconnect.
			this.storageError = err;
			return;
		}
		this.pending++;
		const message = encodeUpdate(update);
		for (const [ws] of this.conns)
			if (ws !== (origin as Connection | undefined)?.ws) send(ws, message);
		if (this.pending >= this.compactEvery) this.compact();
	};

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
		compactDoc(this.db, this.name, Y.encodeStateAsUpdate(this.doc));
		this.pending = 0;
	}

	removeConnection(conn: Connection): void {
		this.conns.delete(conn.ws);
		if (conn.clientIds.size)
			awarenessProtocol.removeAwarenessStates(this.awareness, [...conn.clientIds], null);
	}

	destroy(): void {
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
