/**
 * The y-websocket wire protocol, as far as the server needs to read it: `[messageType][payload]`
 * with lib0 varints. Parsing is separated from the server so it can be tested on hand-built frames.
 */
import * as decoding from 'lib0/decoding';
import * as authProtocol from 'y-protocols/auth';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import type * as Y from 'yjs';

export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_AUTH = 2;
export const MESSAGE_QUERY_AWARENESS = 3;

export type Incoming =
	| { kind: 'syncStep1'; stateVector: Uint8Array }
	| { kind: 'syncStep2' | 'update'; update: Uint8Array }
	| { kind: 'awareness'; update: Uint8Array }
	| { kind: 'queryAwareness' }
	| { kind: 'auth' };

/** Decode one frame; throws on anything that is not a well-formed message. */
export function decodeMessage(data: Uint8Array): Incoming {
	const decoder = decoding.createDecoder(data);
	const type = decoding.readVarUint(decoder);
	let msg: Incoming;
	switch (type) {
		case MESSAGE_SYNC: {
			const sub = decoding.readVarUint(decoder);
			const payload = decoding.readVarUint8Array(decoder);
			if (sub === syncProtocol.messageYjsSyncStep1)
				msg = { kind: 'syncStep1', stateVector: payload };
			else if (sub === syncProtocol.messageYjsSyncStep2)
				msg = { kind: 'syncStep2', update: payload };
			else if (sub === syncProtocol.messageYjsUpdate) msg = { kind: 'update', update: payload };
			else throw new Error(`unknown sync message ${sub}`);
			break;
		}
		case MESSAGE_AWARENESS:
			msg = { kind: 'awareness', update: decoding.readVarUint8Array(decoder) };
			break;
		case MESSAGE_QUERY_AWARENESS:
			msg = { kind: 'queryAwareness' };
			break;
		case MESSAGE_AUTH:
			msg = { kind: 'auth' };
			return msg; // the client never sends meaningful auth messages; ignore its payload
		default:
			throw new Error(`unknown message type ${type}`);
	}
	if (decoding.hasContent(decoder)) throw new Error('trailing bytes');
	return msg;
}

export function encodeSyncStep1(doc: Y.Doc): Uint8Array {
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, MESSAGE_SYNC);
	syncProtocol.writeSyncStep1(e, doc);
	return encoding.toUint8Array(e);
}

export function encodeSyncStep2(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, MESSAGE_SYNC);
	syncProtocol.writeSyncStep2(e, doc, stateVector);
	return encoding.toUint8Array(e);
}

export function encodeUpdate(update: Uint8Array): Uint8Array {
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, MESSAGE_SYNC);
	syncProtocol.writeUpdate(e, update);
	return encoding.toUint8Array(e);
}

/**
 * y-protocols' auth message "permission denied" with a reason. Sent to a read-only connection
 * when it opens (and once more if it writes anyway), so the client can show read-only; the
 * standard y-websocket client only logs it, Yiting's editors lock themselves.
 */
export function encodePermissionDenied(reason: string): Uint8Array {
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, MESSAGE_AUTH);
	authProtocol.writePermissionDenied(e, reason);
	return encoding.toUint8Array(e);
}

export function encodeAwareness(
	awareness: awarenessProtocol.Awareness,
	clients: number[]
): Uint8Array {
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, MESSAGE_AWARENESS);
	encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(awareness, clients));
	return encoding.toUint8Array(e);
}

/**
 * Keep only the entries of an awareness update that `accept` allows (same wire format:
 * count, then clientID, clock and JSON state per entry). Returns null when none is left.
 * The server uses it so a connection can speak only for its own clients and as its own person:
 * without it, anyone could remove or rename someone else's cursor.
 */
export function filterAwarenessUpdate(
	update: Uint8Array,
	accept: (clientId: number, state: unknown) => boolean
): Uint8Array | null {
	const d = decoding.createDecoder(update);
	const n = decoding.readVarUint(d);
	const e = encoding.createEncoder();
	const kept: [number, number, string][] = [];
	for (let i = 0; i < n; i++) {
		const clientId = decoding.readVarUint(d);
		const clock = decoding.readVarUint(d);
		const json = decoding.readVarString(d);
		if (accept(clientId, JSON.parse(json) as unknown)) kept.push([clientId, clock, json]);
	}
	if (!kept.length) return null;
	encoding.writeVarUint(e, kept.length);
	for (const [clientId, clock, json] of kept) {
		encoding.writeVarUint(e, clientId);
		encoding.writeVarUint(e, clock);
		encoding.writeVarString(e, json);
	}
	return encoding.toUint8Array(e);
}
