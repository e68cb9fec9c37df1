import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import {
	decodeMessage,
	encodeSyncStep1,
	encodeUpdate,
	filterAwarenessUpdate,
	MESSAGE_SYNC
} from './protocol';

function syncFrame(write: (e: encoding.Encoder) => void): Uint8Array {
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, MESSAGE_SYNC);
	write(e);
	return encoding.toUint8Array(e);
}

describe('y-websocket frames', () => {
	it('reads what the standard encoders write', () => {
		const doc = new Y.Doc();
		doc.getText('t').insert(0, 'hi');
		const update = Y.encodeStateAsUpdate(doc);
		expect(decodeMessage(encodeSyncStep1(doc)).kind).toBe('syncStep1');
		const u = decodeMessage(encodeUpdate(update));
		expect(u).toEqual({ kind: 'update', update });
		const step2 = decodeMessage(
			syncFrame((e) => syncProtocol.writeSyncStep2(e, doc, Y.encodeStateVector(new Y.Doc())))
		);
		expect(step2.kind).toBe('syncStep2');
	});

	it('rejects unknown types, truncated frames and trailing bytes', () => {
		expect(() => decodeMessage(new Uint8Array([9]))).toThrow();
		expect(() => decodeMessage(new Uint8Array([0, 7, 0]))).toThrow();
		expect(() => decodeMessage(new Uint8Array([0, 2, 5, 1]))).toThrow();
		expect(() => decodeMessage(new Uint8Array([0, 0, 0, 42]))).toThrow();
		expect(() => decodeMessage(new Uint8Array([]))).toThrow();
	});

	it('never throws anything but an Error on random bytes', () => {
		fc.assert(
			fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
				try {
					decodeMessage(bytes);
				} catch (err) {
					expect(err).toBeInstanceOf(Error);
				}
			}),
			{ numRuns: 2000, seed: 42 }
		);
	});
});

describe('filterAwarenessUpdate', () => {
	it('keeps only accepted entries, in the same wire format', () => {
		const a = new Y.Doc();
		const b = new Y.Doc();
		const awA = new awarenessProtocol.Awareness(a);
		const awB = new awarenessProtocol.Awareness(b);
		awA.setLocalStateField('user', { id: 'u-a', name: 'A' });
		awB.setLocalStateField('user', { id: 'u-b', name: 'B' });
		// One update carrying both clients, as a forged frame would.
		const both = awarenessProtocol.encodeAwarenessUpdate(awA, [a.clientID]);
		const combined = new awarenessProtocol.Awareness(new Y.Doc());
		awarenessProtocol.applyAwarenessUpdate(combined, both, null);
		awarenessProtocol.applyAwarenessUpdate(
			combined,
			awarenessProtocol.encodeAwarenessUpdate(awB, [b.clientID]),
			null
		);
		const forged = awarenessProtocol.encodeAwarenessUpdate(combined, [a.clientID, b.clientID]);

		const onlyA = filterAwarenessUpdate(
			forged,
			(_id, state) => (state as { user: { id: string } }).user.id === 'u-a'
		);
		expect(onlyA).not.toBeNull();
		const out = new awarenessProtocol.Awareness(new Y.Doc());
		awarenessProtocol.applyAwarenessUpdate(out, onlyA!, null);
		expect([...out.getStates().keys()].filter((k) => k !== out.clientID)).toEqual([a.clientID]);
		expect(filterAwarenessUpdate(forged, () => false)).toBeNull();
	});
});
