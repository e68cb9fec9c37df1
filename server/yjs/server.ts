/**
 * Yiting's Yjs document server: speaks the y-websocket protocol (sync + awareness) at
 * `/yjs/<document name>`, so the standard y-websocket client works unchanged.
 *
 * - Authentication, Origin and permission are checked by the upgrade router before a byte is
 *   exchanged; this module receives the access already decided.
 * - Read-only connections may read (their SyncStep2 and Update messages are dropped here, at the
 *   protocol level). They are told so when they open, with y-protocols' auth message
 *   "permission denied" (reason `read-only`), and once more if they write anyway. Awareness is who is editing, with carets: theirs is dropped too, so a reader
 *   is never listed among the editors; they still see the editors'.
 * - Every update is committed to SQLite before it is relayed, updates arriving together in one
 *   commit (see GroupCommit); the log is compacted every `compactEvery` updates and when the
 *   last connection leaves, and a document with no connections is unloaded.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { Db } from '../../src/lib/server/db';
import { documentLoaded } from '../../src/lib/server/platform/metrics';
import { YJS_CLOSE, YJS_DENIED } from '../../src/lib/shared/events';
import {
	decodeMessage,
	encodeAwareness,
	encodePermissionDenied,
	encodeSyncStep1,
	encodeSyncStep2,
	filterAwarenessUpdate
} from './protocol';
import { GroupCommit } from './group-commit';
import { SharedDoc, send, type Connection } from './shared-doc';

export interface YjsServerOptions {
	db: Db;
	logger: Logger;
	/** Largest frame accepted, in bytes; larger frames close the connection (1009). Default 2 MiB. */
	maxMessageBytes?: number;
	/** Compact a document's update log after this many updates. Default 500. */
	compactEvery?: number;
	/** Most updates committed in one transaction; 1 commits each on its own. Default 256. */
	commitBatch?: number;
	/** Heartbeat: connections that miss a pong for this long are terminated. Default 30 s. */
	pingIntervalMs?: number;
	/** Called after a document changed (by a client or the server), e.g. to tell those who follow it without the document. */
	onChange?: (name: string, doc: Y.Doc) => void;
}

/** The reasons sent in y-protocols' "permission denied" message (see src/lib/shared/events). */
const { readOnly: READ_ONLY, writeDropped: WRITE_DROPPED } = YJS_DENIED;

export interface YjsPeer {
	userId: string;
	sessionId: string | null;
	/** Set when the connection authenticated with an API token. */
	tokenId: string | null;
	readOnly: boolean;
}

export class YjsServer {
	readonly docs = new Map<string, SharedDoc>();
	readonly #wss: WebSocketServer;
	readonly #db: Db;
	readonly #log: Logger;
	readonly #compactEvery: number;
	readonly #heartbeat: NodeJS.Timeout;
	readonly #onChange: YjsServerOptions['onChange'];
	/** Commits of document updates (its counters: commits and updates stored). */
	readonly commits: GroupCommit;

	constructor(opts: YjsServerOptions) {
		this.#db = opts.db;
		this.#log = opts.logger.child({ part: 'yjs' });
		this.#compactEvery = opts.compactEvery ?? 500;
		this.#onChange = opts.onChange;
		this.commits = new GroupCommit(
			opts.db,
			opts.commitBatch ?? 256,
			(doc, err) => {
				(doc as SharedDoc).storageError = err;
				this.#failStorage(doc as SharedDoc);
			},
			(doc, err) => this.#log.warn({ err, doc: doc.name }, 'relaying a stored Yjs update failed')
		);
		this.#wss = new WebSocketServer({
			noServer: true,
			maxPayload: opts.maxMessageBytes ?? 2 * 1024 * 1024
		});
		this.#heartbeat = setInterval(() => this.#ping(), opts.pingIntervalMs ?? 30_000);
		this.#heartbeat.unref();
	}

	/** Complete an upgrade that the router has already authorised. */
	handleUpgrade(
		req: IncomingMessage,
		socket: Duplex,
		head: Buffer,
		name: string,
		peer: YjsPeer
	): void {
		this.#wss.handleUpgrade(req, socket, head, (ws) => this.#connect(ws, name, peer));
	}

	#load(name: string): SharedDoc {
		let shared = this.docs.get(name);
		if (!shared) {
			shared = new SharedDoc(name, {
				db: this.#db,
				compactEvery: this.#compactEvery,
				commits: this.commits,
				onStored: this.#onChange
			});
			this.docs.set(name, shared);
			documentLoaded();
		}
		return shared;
	}

	#connect(ws: WebSocket, name: string, peer: YjsPeer): void {
		let shared: SharedDoc;
		try {
			shared = this.#load(name);
		} catch (err) {
			this.#log.error({ err, doc: name }, 'loading a document failed');
			ws.close(YJS_CLOSE.storageFailed, 'storage');
			return;
		}
		const conn: Connection = { ws, ...peer, clientIds: new Set(), alive: true };
		shared.conns.set(ws, conn);
		ws.binaryType = 'nodebuffer';
		ws.on('pong', () => (conn.alive = true));
		ws.on('message', (data, isBinary) => this.#onMessage(shared, conn, data, isBinary));
		ws.on('close', () => this.#disconnect(shared, conn));
		ws.on('error', (err) => this.#log.debug({ err, doc: name }, 'websocket error'));

		// Told first, before any state: the client locks its editor before it shows the document.
		if (conn.readOnly) send(ws, encodePermissionDenied(READ_ONLY));
		send(ws, encodeSyncStep1(shared.doc));
		const states = [...shared.awareness.getStates().keys()];
		if (states.length) send(ws, encodeAwareness(shared.awareness, states));
	}

	#onMessage(shared: SharedDoc, conn: Connection, data: RawData, isBinary: boolean): void {
		// Once closing (revoked, rejected, shutting down) nothing more is accepted: ws still emits the
		// frames a client sends before it answers the close frame, for up to 30 s.
		if (conn.ws.readyState !== conn.ws.OPEN) return;
		if (!isBinary || !Buffer.isBuffer(data)) {
			this.#reject(shared, conn, 'binary frames only');
			return;
		}
		let msg;
		try {
			msg = decodeMessage(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
		} catch {
			this.#reject(shared, conn, 'malformed message');
			return;
		}
		try {
			switch (msg.kind) {
				case 'syncStep1': {
					// What others sent but is not yet stored is not revealed until it is.
					const sv = msg.stateVector;
					// Decoded now, while a malformed one can still close this connection (4400).
					Y.decodeStateVector(sv);
					shared.whenStored(() => send(conn.ws, encodeSyncStep2(shared.doc, sv)));
					break;
				}
				case 'syncStep2':
				case 'update':
					if (conn.readOnly) return this.#dropWrite(shared, conn, msg.update); // read-only connections cannot write
					Y.applyUpdate(shared.doc, msg.update, conn);
					break;
				case 'awareness': {
					if (conn.readOnly) return; // readers are not editing: not listed as such
					// Only one's own clients (not another connection's), and only as oneself.
					const mine = filterAwarenessUpdate(msg.update, (clientId, state) => {
						for (const other of shared.conns.values())
							if (other !== conn && other.clientIds.has(clientId)) return false;
						const user = (state as { user?: { id?: unknown } } | null)?.user;
						return !user || user.id === conn.userId;
					});
					if (mine) awarenessProtocol.applyAwarenessUpdate(shared.awareness, mine, conn);
					break;
				}
				case 'queryAwareness':
					send(
						conn.ws,
						encodeAwareness(shared.awareness, [...shared.awareness.getStates().keys()])
					);
					break;
				case 'auth':
					break;
			}
		} catch (err) {
			this.#log.warn({ err, doc: shared.name, userId: conn.userId }, 'rejected a Yjs message');
			this.#reject(shared, conn, 'invalid update');
		}
	}

	/**
	 * Close a connection that sent a bad frame. Answers to what it sent before may be waiting for
	 * a commit: store now, so they go out ahead of the close frame, as they would have without
	 * group commit (a client, or a test, tells from them which frame was refused).
	 */
	#reject(shared: SharedDoc, conn: Connection, reason: string): void {
		if (this.commits.waiting(shared)) this.commits.flush();
		conn.ws.close(YJS_CLOSE.badMessage, reason);
	}

	/**
	 * A read-only connection wrote anyway: dropped, and its client told once more (once). Only
	 * for a real change: every client answers the server's SyncStep1 with a SyncStep2, which holds
	 * nothing new unless it has edited.
	 */
	#dropWrite(shared: SharedDoc, conn: Connection, update: Uint8Array): void {
		if (conn.toldWriteDropped) return;
		if (Y.snapshotContainsUpdate(Y.snapshot(shared.doc), update)) return;
		conn.toldWriteDropped = true;
		send(conn.ws, encodePermissionDenied(WRITE_DROPPED));
	}

	/** Storage failed: the in-memory copy is ahead of the database, so drop it and let clients resync. */
	#failStorage(shared: SharedDoc): void {
		if (this.docs.get(shared.name) !== shared) return;
		this.#log.error({ err: shared.storageError, doc: shared.name }, 'storing a Yjs update failed');
		this.docs.delete(shared.name);
		for (const [ws] of shared.conns) ws.close(YJS_CLOSE.storageFailed, 'storage');
		shared.conns.clear();
		shared.destroy();
	}

	#disconnect(shared: SharedDoc, conn: Connection): void {
		if (!shared.conns.has(conn.ws)) return;
		shared.removeConnection(conn);
		if (shared.conns.size === 0 && this.docs.get(shared.name) === shared) this.#unload(shared);
	}

	#unload(shared: SharedDoc): void {
		// Store what is queued first (a failure unloads the document through #failStorage).
		this.commits.flush();
		if (this.docs.get(shared.name) !== shared) return;
		try {
			shared.compact();
		} catch (err) {
			// The update log is intact; compaction is retried the next time the document unloads.
			this.#log.error({ err, doc: shared.name }, 'compacting a document failed');
		}
		this.docs.delete(shared.name);
		shared.destroy();
	}

	#ping(): void {
		for (const shared of this.docs.values()) {
			for (const conn of shared.conns.values()) {
				if (!conn.alive) {
					conn.ws.terminate();
					continue;
				}
				conn.alive = false;
				conn.ws.ping();
			}
		}
	}

	/** Change a document from the server: stored, then relayed to every open connection. */
	change(name: string, fn: (doc: Y.Doc) => void): void {
		const shared = this.#load(name);
		try {
			Y.transact(shared.doc, () => fn(shared.doc), 'server');
		} finally {
			// The caller is told the change is stored when this returns: commit now, not next turn.
			this.commits.flush();
			if (!shared.storageError && shared.conns.size === 0) this.#unload(shared);
		}
		if (shared.storageError) throw shared.storageError;
	}

	/** Close connections matching `pred` with `code` (revoked sessions, changed roles). */
	closeWhere(pred: (c: Connection) => boolean, code: number, reason: string): void {
		for (const shared of this.docs.values()) {
			for (const conn of shared.conns.values()) if (pred(conn)) conn.ws.close(code, reason);
		}
	}

	/** Number of open connections (for health and benchmarks). */
	get connectionCount(): number {
		let n = 0;
		for (const d of this.docs.values()) n += d.conns.size;
		return n;
	}

	/** Graceful shutdown: store every loaded document as a snapshot and close all connections. */
	close(): void {
		clearInterval(this.#heartbeat);
		this.commits.flush();
		for (const shared of [...this.docs.values()]) {
			for (const [ws] of shared.conns) ws.close(1001, 'server shutting down');
			shared.conns.clear();
			this.#unload(shared);
		}
		this.commits.dispose();
		this.#wss.close();
	}
}
