/**
 * Yjs frames for the fuzz runs: random, mutated and hand-picked y-websocket frames, and a lane
 * that pipelines them on one document with barriers, so that the frame that closed a connection
 * is known and the lane goes on after it.
 */
import WebSocket from 'ws';
import fc from 'fast-check';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { decodeMessage } from '../../../server/yjs/protocol';
import { DUTIES_TEXT } from '../../../src/lib/shared/doc-names';
import { bytes, mutated } from './bytes';
import { BARRIER_MS } from './server';

export function frame(...parts: (number | Uint8Array)[]): Uint8Array {
	const e = encoding.createEncoder();
	for (const part of parts) {
		if (typeof part === 'number') encoding.writeVarUint(e, part);
		else encoding.writeVarUint8Array(e, part);
	}
	return encoding.toUint8Array(e);
}
export const raw = (...parts: (number[] | Uint8Array)[]) =>
	Uint8Array.from(parts.flatMap((x) => [...x]));

export const seedUpdate = (() => {
	const d = new Y.Doc();
	const t = d.getText(DUTIES_TEXT);
	t.insert(0, 'fuzz 模糊 text');
	t.delete(2, 3);
	t.format(0, 2, { bold: true });
	d.getMap('m').set('k', [1, { a: 'b' }]);
	d.getArray('a').insert(0, [new Uint8Array([1, 2]), null, 3.5]);
	return Y.encodeStateAsUpdate(d);
})();
export const seedAwareness = (() => {
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, 1);
	encoding.writeVarUint(e, 123456);
	encoding.writeVarUint(e, 1);
	encoding.writeVarString(e, JSON.stringify({ user: { name: 'fuzz' } }));
	return encoding.toUint8Array(e);
})();

export const awarenessState = fc.oneof(
	fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v)),
	fc.string({ maxLength: 30 }),
	fc.constant('null')
);
export const awarenessUpdate = fc
	.array(fc.tuple(fc.nat(), fc.nat(), awarenessState), { maxLength: 3 })
	.map((entries) => {
		const e = encoding.createEncoder();
		encoding.writeVarUint(e, entries.length);
		for (const [client, clock, state] of entries) {
			encoding.writeVarUint(e, client);
			encoding.writeVarUint(e, clock);
			encoding.writeVarString(e, state);
		}
		return encoding.toUint8Array(e);
	});
export const stateVector = fc
	.array(fc.tuple(fc.nat(), fc.oneof(fc.nat(), fc.constant(2 ** 53 - 1))), { maxLength: 4 })
	.map((entries) => {
		const e = encoding.createEncoder();
		encoding.writeVarUint(e, entries.length);
		for (const [client, clock] of entries) {
			encoding.writeVarUint(e, client);
			encoding.writeVarUint(e, clock);
		}
		return encoding.toUint8Array(e);
	});

export type YFrame = { data: Uint8Array; text?: boolean };
export const yjsFrame: fc.Arbitrary<YFrame> = fc.oneof(
	{ weight: 1, arbitrary: bytes(64).map((data) => ({ data })) },
	{
		weight: 2,
		arbitrary: fc
			.tuple(fc.constantFrom(0, 1, 2, 3, 7, 127), bytes())
			.map(([sub, payload]) => ({ data: frame(0, sub, payload) }))
	},
	{
		weight: 5,
		arbitrary: fc
			.tuple(fc.constantFrom(1, 2), mutated(seedUpdate))
			.map(([sub, u]) => ({ data: frame(0, sub, u) }))
	},
	{ weight: 2, arbitrary: mutated(frame(0, 2, seedUpdate)).map((data) => ({ data })) },
	{ weight: 2, arbitrary: stateVector.map((sv) => ({ data: frame(0, 0, sv) })) },
	{ weight: 1, arbitrary: mutated(frame(0, 0, Uint8Array.of(1, 5, 3))).map((data) => ({ data })) },
	{ weight: 3, arbitrary: awarenessUpdate.map((u) => ({ data: frame(1, u) })) },
	{ weight: 2, arbitrary: mutated(frame(1, seedAwareness)).map((data) => ({ data })) },
	{ weight: 1, arbitrary: bytes().map((u) => ({ data: frame(1, u) })) },
	{
		weight: 1,
		arbitrary: fc.constantFrom<YFrame>(
			{ data: Uint8Array.of(3) },
			{ data: Uint8Array.of(2, 0) },
			{ data: new Uint8Array(0) },
			{ data: raw([0, 2], [0xff, 0xff, 0xff, 0xff, 0x0f], [1, 2, 3]) }, // length far beyond the frame
			{ data: raw([0, 2], [0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01]) }, // overlong varint
			{ data: raw(frame(0, 2, seedUpdate), [0]) }, // trailing byte
			{ data: new TextEncoder().encode('hello'), text: true }
		)
	}
);
/** Over the 2 MiB frame limit: sent a few times, not sampled (each costs a 2 MiB write). */
export const OVERSIZED: YFrame = { data: new Uint8Array(2 * 1024 * 1024 + 16) };

export const BARRIER = frame(0, 0, Uint8Array.of(0)); // SyncStep1 with an empty state vector

/**
 * One fuzzing lane on one document. Frames are pipelined in windows, each followed by a
 * barrier (a SyncStep1 the server answers in order). When the server closes the connection,
 * the answers received tell which frame closed it; the lane reconnects and goes on after it.
 */
export class FuzzLane {
	processed = 0;
	readonly closeCodes = new Map<number, number>();
	constructor(
		readonly url: string,
		readonly headers: Record<string, string>
	) {}

	async run(frames: YFrame[], deadline: number, window = 24): Promise<void> {
		let i = 0;
		// The next connection opens while the current one is in use: most frames close theirs.
		let spare = openRawYjs(this.url, this.headers);
		while (i < frames.length && Date.now() < deadline) {
			const conn = await spare;
			spare = openRawYjs(this.url, this.headers);
			while (i < frames.length && Date.now() < deadline && conn.closeCode === null) {
				// A window ends at the first frame that cannot decode: the server closes on it, and
				// frames sent after it would only be sent again.
				const batch: YFrame[] = [];
				while (batch.length < window && i + batch.length < frames.length) {
					const f = frames[i + batch.length]!;
					batch.push(f);
					if (f.text || !decodes(f.data)) break;
				}
				const expectedAfter: number[] = [];
				let expected = conn.replies;
				for (const f of batch) {
					expected += 1 + (!f.text && isSyncStep1(f.data) ? 1 : 0);
					expectedAfter.push(expected);
					conn.ws.send(f.data, { binary: !f.text });
					conn.ws.send(BARRIER);
				}
				const limit = Date.now() + BARRIER_MS;
				while (conn.replies < expected && conn.closeCode === null) {
					if (Date.now() > limit) {
						const hex = batch
							.map((f) => Buffer.from(f.data.slice(0, 48)).toString('hex'))
							.join(' ');
						throw new Error(`server silent for ${BARRIER_MS} ms after frames: ${hex}`);
					}
					await new Promise((r) => setTimeout(r, 1));
				}
				if (conn.closeCode === null) {
					i += batch.length;
					this.processed += batch.length;
				} else {
					// The first frame whose barrier went unanswered closed the connection.
					const closer = expectedAfter.findIndex((e) => e > conn.replies);
					const done = closer === -1 ? batch.length : closer + 1;
					i += done;
					this.processed += done;
					this.closeCodes.set(conn.closeCode, (this.closeCodes.get(conn.closeCode) ?? 0) + 1);
				}
			}
			conn.ws.close();
		}
		(await spare).ws.close();
	}
}

export async function openRawYjs(url: string, headers: Record<string, string>) {
	const ws = new WebSocket(url, { headers });
	const conn = { ws, replies: 0, closeCode: null as number | null };
	ws.on('message', (d: Buffer) => {
		if (d[0] === 0 && d[1] === 1) conn.replies++; // SyncStep2: an answer to a SyncStep1
	});
	ws.on('error', () => {});
	await new Promise<void>((resolve, reject) => {
		ws.once('open', () => resolve());
		ws.once('unexpected-response', (_q, res) =>
			reject(new Error(`upgrade refused ${res.statusCode}`))
		);
	});
	// Registered after open: a close before it would be a refused upgrade, reported above.
	ws.on('close', (code) => (conn.closeCode = code));
	return conn;
}

export function decodes(data: Uint8Array): boolean {
	try {
		decodeMessage(data);
		return true;
	} catch {
		return false;
	}
}

export function isSyncStep1(data: Uint8Array): boolean {
	try {
		return decodeMessage(data).kind === 'syncStep1';
	} catch {
		return false;
	}
}
