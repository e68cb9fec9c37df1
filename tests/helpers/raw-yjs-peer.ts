/**
 * A y-websocket peer built from raw frames (no provider): mirrors what the server sends into a
 * local Y.Doc, sends hand-built frames, and has a barrier (SyncStep1 → SyncStep2) that returns
 * once the server has handled everything sent before. For read-only and permission tests,
 * where what a misbehaving client sends must be exactly what the test says.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as authProtocol from 'y-protocols/auth';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { waitFor } from './yjs-client';

export const MESSAGE_SYNC = 0;
export const MESSAGE_AUTH = 2;

export class RawPeer {
	readonly doc = new Y.Doc();
	readonly ws: WebSocket;
	/** SyncStep2 answers received (the replies to our SyncStep1 barriers). */
	step2 = 0;
	updates = 0;
	closed: number | null = null;
	/** Reasons of the "permission denied" auth messages received, in order. */
	readonly denied: string[] = [];
	/** Message types in the order they arrived (0 sync, 1 awareness, 2 auth). */
	readonly types: number[] = [];
	readonly opened: Promise<void>;

	constructor(url: string, headers: Record<string, string>) {
		this.ws = new WebSocket(url, { headers });
		this.ws.binaryType = 'nodebuffer';
		this.opened = new Promise((resolve, reject) => {
			this.ws.once('open', () => resolve());
			this.ws.once('error', reject);
			this.ws.once('unexpected-response', (_req, res) =>
				reject(new Error(`upgrade refused: ${res.statusCode}`))
			);
		});
		this.ws.on('close', (code) => (this.closed = code));
		this.ws.on('message', (data: Buffer) => this.#receive(new Uint8Array(data)));
	}

	#receive(frame: Uint8Array) {
		const d = decoding.createDecoder(frame);
		const type = decoding.readVarUint(d);
		this.types.push(type);
		if (type === MESSAGE_AUTH)
			return authProtocol.readAuthMessage(d, this.doc, (_doc, reason) => this.denied.push(reason));
		if (type !== MESSAGE_SYNC) return; // awareness: not needed here
		const sub = decoding.readVarUint(d);
		const payload = decoding.readVarUint8Array(d);
		if (sub === syncProtocol.messageYjsSyncStep2) {
			Y.applyUpdate(this.doc, payload, 'server');
			this.step2++;
		} else if (sub === syncProtocol.messageYjsUpdate) {
			Y.applyUpdate(this.doc, payload, 'server');
			this.updates++;
		}
	}

	send(frame: Uint8Array) {
		this.ws.send(frame);
	}

	/** Ask for everything we miss and wait for the answer: the server has handled all we sent before. */
	async barrier() {
		const n = this.step2;
		const e = encoding.createEncoder();
		encoding.writeVarUint(e, MESSAGE_SYNC);
		syncProtocol.writeSyncStep1(e, this.doc);
		this.send(encoding.toUint8Array(e));
		await waitFor(() => this.step2 > n || this.closed !== null);
		if (this.closed !== null) throw new Error(`connection closed (${this.closed})`);
	}

	/** Send an edit made on a copy of what we have (our own copy stays as the server's). */
	write(edit: (doc: Y.Doc) => void) {
		this.send(updateFrame(forge(this.doc, edit).update));
	}

	close() {
		this.ws.close();
		this.doc.destroy();
	}
}

export function updateFrame(update: Uint8Array): Uint8Array {
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, MESSAGE_SYNC);
	syncProtocol.writeUpdate(e, update);
	return encoding.toUint8Array(e);
}

export function syncStep2Frame(doc: Y.Doc, stateVector?: Uint8Array): Uint8Array {
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, MESSAGE_SYNC);
	syncProtocol.writeSyncStep2(e, doc, stateVector);
	return encoding.toUint8Array(e);
}

/** A copy of `base` with `edit` applied; returns the copy and the update the edit produced. */
export function forge(base: Y.Doc, edit: (d: Y.Doc) => void): { doc: Y.Doc; update: Uint8Array } {
	const doc = new Y.Doc();
	Y.applyUpdate(doc, Y.encodeStateAsUpdate(base));
	const before = Y.encodeStateVector(doc);
	doc.transact(() => edit(doc));
	return { doc, update: Y.encodeStateAsUpdate(doc, before) };
}
