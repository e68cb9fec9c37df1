/**
 * Promise 16 (abuse is contained), as a bounded fuzz run: a few thousand random and mutated
 * y-websocket frames on writer and read-only connections, random socket.io events and payloads,
 * and mutated raw socket.io packets, all against the real server process (so a crash shows as
 * an exit and a hang as an unanswered barrier, not as a stuck test runner). Afterwards the
 * server still serves, presence works, and the read-only document is byte-for-byte unchanged.
 *
 * Generated with fast-check from a fixed seed, so a failing frame can be replayed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import WebSocket from 'ws';
import fc from 'fast-check';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { io as ioClient, type Socket } from 'socket.io-client';
import { startServerProcess, type ServerProcess } from '../helpers/process';
import { connectDoc, waitFor } from '../helpers/yjs-client';
import { decodeMessage } from '../../server/yjs/protocol';
import { generateToken, hashToken, SESSION_COOKIE } from '../../src/lib/server/auth/session';
import type { ErrorCode, Result } from '../../src/lib/shared/result';
import { DUTIES_TEXT } from '../../src/lib/shared/doc-names';

const SEED = 20_240_601;
// FUZZ_SCALE=50 (say) for a long run: counts and time budgets grow together.
const SCALE = Number(process.env.FUZZ_SCALE ?? 1);
const YJS_FRAMES = 2400 * SCALE;
const SOCKET_EVENTS = 2000 * SCALE;
const RAW_PACKETS = 600 * SCALE;
const BARRIER_MS = 5000;
// Time budgets per phase (the whole run stays under 20 s), and the least that must get done in
// them for the run to count: a loaded machine does fewer frames, never a vacuous run.
const YJS_BUDGET_MS = 7000 * SCALE;
const SIO_BUDGET_MS = 2500 * SCALE;
const RAW_BUDGET_MS = 2500 * SCALE;
const MIN_YJS_FRAMES = 200;
const MIN_SOCKET_EVENTS = 200;
const MIN_RAW_PACKETS = 60;

let p: ServerProcess;
let wsUrl: string;
let cookies: Record<'admin' | 'resident1' | 'chair' | 'member1', string>;
let committeeId: string;
let writerDoc: string;
let readOnlyDoc: string;

function dbRows(doc: string): string[] {
	const db = new Database(path.join(p.dataDir, 'yiting.db'), { readonly: true });
	try {
		return (db.prepare('select seq, "update" as u from doc_update where doc_name = ? order by seq').all(doc) as { seq: number; u: Buffer }[]).map(
			(r) => `${r.seq}:${r.u.toString('base64')}`
		);
	} finally {
		db.close();
	}
}
function storedDoc(doc: string): Y.Doc {
	const db = new Database(path.join(p.dataDir, 'yiting.db'), { readonly: true });
	try {
		const d = new Y.Doc();
		for (const r of db.prepare('select "update" as u from doc_update where doc_name = ? order by seq').all(doc) as { u: Buffer }[]) {
			Y.applyUpdate(d, new Uint8Array(r.u));
		}
		return d;
	} finally {
		db.close();
	}
}

beforeAll(async () => {
	// On tmpfs when there is one: fuzzing is about input handling, and fsyncs would only slow it.
	const base = fs.existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir();
	p = await startServerProcess({ dataDir: fs.mkdtempSync(path.join(base, 'yiting-fuzz-')) });
	wsUrl = p.url.replace('http', 'ws');
	// Sessions written straight into the server's database (WAL allows a second writer): the
	// sign-in path is tested elsewhere, and four argon2 hashes are slow on a busy machine.
	const db = new Database(path.join(p.dataDir, 'yiting.db'));
	db.pragma('busy_timeout = 5000');
	const session = (login: string) => {
		const token = generateToken();
		const now = Date.now();
		const user = db.prepare('select id from user where login = ?').get(login) as { id: string };
		db.prepare('insert into session (id, user_id, created_at, expires_at, absolute_expires_at) values (?, ?, ?, ?, ?)').run(
			hashToken(token),
			user.id,
			now,
			now + 86_400_000,
			now + 86_400_000
		);
		return `${SESSION_COOKIE}=${token}`;
	};
	cookies = { admin: session('admin'), resident1: session('resident1'), chair: session('chair'), member1: session('member1') };
	const ids = db.prepare('select id, committee_id as c from unit order by name').all() as { id: string; c: string }[];
	db.close();
	committeeId = ids[0]!.c;
	writerDoc = `unit/${ids[0]!.id}/duties`;
	readOnlyDoc = `unit/${ids[1]!.id}/duties`;
});
afterAll(async () => {
	if (p && p.child.exitCode === null && p.child.signalCode === null) await p.stop('SIGKILL');
});

// ---------------------------------------------------------------------------------------------
// Yjs frames

function frame(...parts: (number | Uint8Array)[]): Uint8Array {
	const e = encoding.createEncoder();
	for (const part of parts) {
		if (typeof part === 'number') encoding.writeVarUint(e, part);
		else encoding.writeVarUint8Array(e, part);
	}
	return encoding.toUint8Array(e);
}
const raw = (...parts: (number[] | Uint8Array)[]) => Uint8Array.from(parts.flatMap((x) => [...x]));

const seedUpdate = (() => {
	const d = new Y.Doc();
	const t = d.getText(DUTIES_TEXT);
	t.insert(0, 'fuzz 模糊 text');
	t.delete(2, 3);
	t.format(0, 2, { bold: true });
	d.getMap('m').set('k', [1, { a: 'b' }]);
	d.getArray('a').insert(0, [new Uint8Array([1, 2]), null, 3.5]);
	return Y.encodeStateAsUpdate(d);
})();
const seedAwareness = (() => {
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, 1);
	encoding.writeVarUint(e, 123456);
	encoding.writeVarUint(e, 1);
	encoding.writeVarString(e, JSON.stringify({ user: { name: 'fuzz' } }));
	return encoding.toUint8Array(e);
})();

/** Mutate bytes: flip, overwrite, insert, delete, truncate, duplicate. */
const mutated = (base: Uint8Array) =>
	fc
		.array(
			fc.tuple(fc.constantFrom('flip', 'set', 'insert', 'delete', 'truncate', 'dup'), fc.nat(), fc.integer({ min: 0, max: 255 })),
			{ minLength: 1, maxLength: 4 }
		)
		.map((ops) => {
			let b = [...base];
			for (const [op, at, v] of ops) {
				const i = b.length ? at % b.length : 0;
				if (op === 'flip' && b.length) b[i] = b[i]! ^ (1 << (v % 8));
				else if (op === 'set' && b.length) b[i] = v;
				else if (op === 'insert') b.splice(i, 0, v);
				else if (op === 'delete') b.splice(i, 1 + (v % 8));
				else if (op === 'truncate') b = b.slice(0, i);
				else if (op === 'dup') b = [...b.slice(0, i), ...b.slice(i, i + 1 + (v % 16)), ...b.slice(i)];
			}
			return Uint8Array.from(b);
		});

const bytes = (max = 48) => fc.uint8Array({ maxLength: max });
const awarenessState = fc.oneof(
	fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v)),
	fc.string({ maxLength: 30 }),
	fc.constant('null')
);
const awarenessUpdate = fc
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
const stateVector = fc.array(fc.tuple(fc.nat(), fc.oneof(fc.nat(), fc.constant(2 ** 53 - 1))), { maxLength: 4 }).map((entries) => {
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, entries.length);
	for (const [client, clock] of entries) {
		encoding.writeVarUint(e, client);
		encoding.writeVarUint(e, clock);
	}
	return encoding.toUint8Array(e);
});

type YFrame = { data: Uint8Array; text?: boolean };
const yjsFrame: fc.Arbitrary<YFrame> = fc.oneof(
	{ weight: 1, arbitrary: bytes(64).map((data) => ({ data })) },
	{ weight: 2, arbitrary: fc.tuple(fc.constantFrom(0, 1, 2, 3, 7, 127), bytes()).map(([sub, payload]) => ({ data: frame(0, sub, payload) })) },
	{ weight: 5, arbitrary: fc.tuple(fc.constantFrom(1, 2), mutated(seedUpdate)).map(([sub, u]) => ({ data: frame(0, sub, u) })) },
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
const OVERSIZED: YFrame = { data: new Uint8Array(2 * 1024 * 1024 + 16) };

const BARRIER = frame(0, 0, Uint8Array.of(0)); // SyncStep1 with an empty state vector

/**
 * One fuzzing lane on one document. Frames are pipelined in windows, each followed by a
 * barrier (a SyncStep1 the server answers in order). When the server closes the connection,
 * the answers received tell which frame closed it; the lane reconnects and goes on after it.
 */
class FuzzLane {
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
						const hex = batch.map((f) => Buffer.from(f.data.slice(0, 48)).toString('hex')).join(' ');
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

async function openRawYjs(url: string, headers: Record<string, string>) {
	const ws = new WebSocket(url, { headers });
	const conn = { ws, replies: 0, closeCode: null as number | null };
	ws.on('message', (d: Buffer) => {
		if (d[0] === 0 && d[1] === 1) conn.replies++; // SyncStep2: an answer to a SyncStep1
	});
	ws.on('error', () => {});
	await new Promise<void>((resolve, reject) => {
		ws.once('open', () => resolve());
		ws.once('unexpected-response', (_q, res) => reject(new Error(`upgrade refused ${res.statusCode}`)));
	});
	// Registered after open: a close before it would be a refused upgrade, reported above.
	ws.on('close', (code) => (conn.closeCode = code));
	return conn;
}

function decodes(data: Uint8Array): boolean {
	try {
		decodeMessage(data);
		return true;
	} catch {
		return false;
	}
}

function isSyncStep1(data: Uint8Array): boolean {
	try {
		return decodeMessage(data).kind === 'syncStep1';
	} catch {
		return false;
	}
}

// ---------------------------------------------------------------------------------------------
// socket.io

const ERROR_CODES: ErrorCode[] = ['bad_request', 'unauthorized', 'forbidden', 'not_found', 'conflict', 'rate_limited', 'internal'];
const eventName = fc.oneof(
	fc.constantFrom('presence:join', 'presence:update', 'presence:leave'),
	fc.constantFrom('presence:join', 'presence:update', 'presence:leave'),
	fc.constantFrom('toString', '__proto__', 'constructor', 'hasOwnProperty', 'valueOf', 'session:ended', 'presence:changed', 'error'),
	fc.string({ maxLength: 24 })
);
const nearPayload = fc
	.record(
		{
			id: fc.oneof(fc.string({ maxLength: 70 }), fc.integer(), fc.constant(undefined)),
			committeeId: fc.oneof(fc.constant('$COMMITTEE'), fc.string({ maxLength: 70 }), fc.jsonValue({ maxDepth: 1 })),
			status: fc.oneof(fc.constantFrom('online', 'away', 'busy', ''), fc.anything({ maxDepth: 1 })),
			extra: fc.anything({ maxDepth: 1 })
		},
		{ requiredKeys: [] }
	)
	.map((o) => JSON.parse(JSON.stringify(o).replace('"$COMMITTEE"', JSON.stringify(committeeId))) as unknown);
/** Well-formed events with random ids and statuses: exercise permission, de-duplication and the handlers. */
const wellFormed = fc.oneof(
	fc.record({ id: fc.string({ minLength: 1, maxLength: 8 }), committeeId: fc.constantFrom('$COMMITTEE', 'elsewhere') }),
	fc.record({ id: fc.string({ minLength: 1, maxLength: 8 }), committeeId: fc.constantFrom('$COMMITTEE', 'elsewhere'), status: fc.constantFrom('online', 'away') })
).map((o) => JSON.parse(JSON.stringify(o).replace('"$COMMITTEE"', JSON.stringify(committeeId))) as unknown);
const eventArgs = fc.oneof(
	fc.tuple(wellFormed),
	fc.tuple(wellFormed),
	fc.tuple(nearPayload),
	fc.tuple(nearPayload),
	fc.tuple(fc.jsonValue({ maxDepth: 2 })),
	fc.tuple(fc.jsonValue({ maxDepth: 1 }), fc.jsonValue({ maxDepth: 1 })),
	fc.constant([] as unknown[])
);
const sioEvent = fc.record({ name: eventName, args: eventArgs, withAck: fc.constantFrom(true, true, true, true, false) });

/** Mutations of real socket.io packets (engine.io "4" message + socket.io "2" event). */
const rawPacket = fc.oneof(
	mutated(new TextEncoder().encode(`421["presence:join",{"id":"a","committeeId":"C"}]`)).map((b) => Buffer.from(b).toString('latin1')),
	fc.string({ maxLength: 40 }).map((s) => `42${s}`),
	fc.string({ maxLength: 40 }).map((s) => `4${s}`),
	fc.string({ maxLength: 40 }),
	fc.jsonValue({ maxDepth: 2 }).map((v) => `42${JSON.stringify(v)}`),
	fc.jsonValue({ maxDepth: 2 }).map((v) => `427${JSON.stringify(['presence:update', v])}`),
	fc.constantFrom('451-["presence:join",{"_placeholder":true,"num":0}]', '4999-["x"]', '42/admin,["x"]', '41', '40', '2', '3', '6', '1', '42["disconnect"]', '42[1,2,3]'),
	bytes(32).map((b) => Buffer.from(b))
);

describe('fuzz', () => {
	it(
		'thousands of random frames, events and packets leave the server up and read-only data unchanged',
		async () => {
			const started = Date.now();
			const readOnlyBefore = dbRows(readOnlyDoc);
			const readOnlyTextBefore = storedDoc(readOnlyDoc).getText(DUTIES_TEXT).toString();
			expect(readOnlyBefore.length).toBeGreaterThan(0);

			// --- Yjs: writer lanes on one document, read-only lanes on another, plus anchors that keep
			// the documents loaded (so reconnects are cheap) and must never be disturbed.
			const anchors = await Promise.all(
				[writerDoc, readOnlyDoc].map((doc) => openRawYjs(`${wsUrl}/yjs/${doc}`, { cookie: cookies.chair, origin: p.url }))
			);
			const frames = fc.sample(yjsFrame, { seed: SEED, numRuns: YJS_FRAMES });
			for (const at of [10, 500, 1500]) frames.splice(at, 0, OVERSIZED);
			const lanes = Array.from({ length: 16 }, (_, l) => l).map(
				(l) =>
					new FuzzLane(`${wsUrl}/yjs/${l % 2 ? readOnlyDoc : writerDoc}`, { cookie: l % 2 ? cookies.resident1 : cookies.admin, origin: p.url })
			);
			const yjsDeadline = started + YJS_BUDGET_MS;
			await Promise.all(lanes.map((lane, l) => lane.run(frames.filter((_, i) => i % lanes.length === l), yjsDeadline)));
			const yjsProcessed = lanes.reduce((n, l) => n + l.processed, 0);
			const closeCodes = new Map<number, number>();
			for (const l of lanes) for (const [c, n] of l.closeCodes) closeCodes.set(c, (closeCodes.get(c) ?? 0) + n);
			// Malformed input closes with a named code (4400) or "too big" (1009), never abnormally.
			expect([...closeCodes.keys()].every((c) => c === 4400 || c === 1009), JSON.stringify([...closeCodes])).toBe(true);
			expect(closeCodes.get(1009)).toBeGreaterThan(0);
			expect(yjsProcessed).toBeGreaterThanOrEqual(Math.min(YJS_FRAMES, MIN_YJS_FRAMES));
			expect(closeCodes.get(4400) ?? 0).toBeGreaterThan(Math.min(100, yjsProcessed / 10));
			for (const a of anchors) {
				expect(a.closeCode).toBeNull();
				const n = a.replies;
				a.ws.send(BARRIER);
				await waitFor(() => a.replies > n);
			}
			expect(p.child.exitCode).toBeNull();
			const yjsDone = Date.now();

			// --- socket.io events through the real client, 30 at a time on a fresh connection: under the
			// rate limit, so that validation, not the limiter, answers them.
			const events = fc.sample(sioEvent, { seed: SEED + 1, numRuns: SOCKET_EVENTS });
			const answers = new Map<string, number>();
			const sioDeadline = Date.now() + SIO_BUDGET_MS;
			let sioProcessed = 0;
			for (let i = 0; i < events.length && Date.now() < sioDeadline; i += 30) {
				const sock = await sioConnect(cookies.member1);
				const batch = events.slice(i, i + 30);
				const results = await Promise.all(
					batch.map((ev) => {
						if (!ev.withAck) {
							sock.emit(ev.name, ...ev.args);
							return 'no ack asked';
						}
						return (sock.timeout(BARRIER_MS).emitWithAck(ev.name, ...ev.args) as Promise<Result<unknown>>).then(
							(r) => checkResult(r, ev),
							(err: Error) => `no answer (${err.message}) to ${JSON.stringify(ev)}`
						);
					})
				);
				sock.disconnect();
				for (const a of results) answers.set(a, (answers.get(a) ?? 0) + 1);
				sioProcessed += batch.length;
			}
			expect([...answers.keys()].filter((a) => a.startsWith('no answer'))).toEqual([]);
			expect(sioProcessed).toBeGreaterThanOrEqual(Math.min(SOCKET_EVENTS, MIN_SOCKET_EVENTS));
			expect(answers.get('bad_request') ?? 0).toBeGreaterThan(sioProcessed / 3);
			expect(answers.get('ok') ?? 0).toBeGreaterThan(0);
			expect(answers.get('forbidden') ?? 0).toBeGreaterThan(0);
			expect(answers.get('internal') ?? 0).toBe(0);
			const sioDone = Date.now();

			// --- raw socket.io packets on websockets (4 lanes), each followed by a well-formed event as a barrier.
			const packets = fc.sample(rawPacket, { seed: SEED + 2, numRuns: RAW_PACKETS });
			let rawCloses = 0;
			let rawProcessed = 0;
			const rawDeadline = Date.now() + RAW_BUDGET_MS;
			await Promise.all(
				[0, 1, 2, 3].map(async (lane) => {
					const open = () => RawSio.open(`${wsUrl}/socket.io/?EIO=4&transport=websocket`, { cookie: cookies.member1, origin: p.url });
					let spare = open();
					let conn: RawSio | null = null;
					for (let i = lane; i < packets.length && Date.now() < rawDeadline; i += 4, rawProcessed++) {
						if (!conn || conn.closed) {
							if (conn) rawCloses++;
							conn = await spare;
							spare = open();
						}
						await conn.exchange(packets[i]!.toString().replaceAll('"C"', JSON.stringify(committeeId)), i);
					}
					conn?.ws.close();
					(await spare).ws.close();
				})
			);
			expect(rawProcessed).toBeGreaterThanOrEqual(Math.min(RAW_PACKETS, MIN_RAW_PACKETS));
			expect(rawCloses).toBeGreaterThan(rawProcessed / 20);
			expect(p.child.exitCode).toBeNull();
			const rawDone = Date.now();

			// --- afterwards: the server answers, syncs new connections, and presence works.
			expect((await fetch(`${p.url}/healthz`)).status).toBe(200);
			const reader = connectDoc(wsUrl, readOnlyDoc, { cookie: cookies.resident1, origin: p.url });
			const writer = connectDoc(wsUrl, writerDoc, { cookie: cookies.admin, origin: p.url });
			await Promise.all([reader.synced, writer.synced]);
			expect(reader.doc.getText(DUTIES_TEXT).toString()).toBe(readOnlyTextBefore);
			writer.doc.getText(DUTIES_TEXT).insert(0, 'AFTER-FUZZ ');
			const watcher = connectDoc(wsUrl, writerDoc, { cookie: cookies.chair, origin: p.url });
			await watcher.synced;
			await waitFor(() => watcher.doc.getText(DUTIES_TEXT).toString().startsWith('AFTER-FUZZ '));

			const a = await sioConnect(cookies.chair);
			const b = await sioConnect(cookies.member1);
			let sawChair = false;
			b.on('presence:changed', (ch: { online: { displayName: string }[] }) => {
				if (ch.online.some((x) => x.displayName === '李主任')) sawChair = true;
			});
			expect(((await b.timeout(3000).emitWithAck('presence:join', { id: 'after-1', committeeId })) as Result<unknown>).ok).toBe(true);
			expect(((await a.timeout(3000).emitWithAck('presence:join', { id: 'after-2', committeeId })) as Result<unknown>).ok).toBe(true);
			await waitFor(() => sawChair);
			a.disconnect();
			b.disconnect();

			// Every connection closed: the read-only document's stored rows are exactly as before,
			// and the writer document's stored state is what a client syncs.
			reader.destroy();
			for (const anchor of anchors) anchor.ws.close();
			await waitFor(() => watcher.doc.getText(DUTIES_TEXT).toString() === writer.doc.getText(DUTIES_TEXT).toString());
			const expectedWriter = writer.doc.getText(DUTIES_TEXT).toString();
			writer.destroy();
			watcher.destroy();
			await waitFor(() => storedDoc(writerDoc).getText(DUTIES_TEXT).toString() === expectedWriter);
			expect(dbRows(readOnlyDoc)).toEqual(readOnlyBefore);
			expect(storedDoc(readOnlyDoc).getText(DUTIES_TEXT).toString()).toBe(readOnlyTextBefore);

			// Nothing failed inside the server: rejected messages are logged as warnings (level 40),
			// anything else (errors, crashes, unhandled rejections) is not.
			const errors = p
				.output()
				.split('\n')
				.filter((line) => {
					if (!line.startsWith('{')) return /Uncaught|Unhandled|Error:/.test(line);
					try {
						return (JSON.parse(line) as { level: number }).level >= 50;
					} catch {
						return true;
					}
				});
			expect(errors).toEqual([]);
			expect(p.child.exitCode).toBeNull();
			console.info(
				`fuzz: ${yjsProcessed} Yjs frames in ${yjsDone - started} ms (closes ${JSON.stringify([...closeCodes])}), ` +
					`${sioProcessed} events in ${sioDone - yjsDone} ms (${JSON.stringify([...answers])}), ` +
					`${rawProcessed} raw packets in ${rawDone - sioDone} ms (${rawCloses} closes)`
			);
		},
		60_000 + 12_000 * SCALE
	);
});

function checkResult(r: Result<unknown>, ev: unknown): string {
	if (!r || typeof r !== 'object' || typeof r.ok !== 'boolean') throw new Error(`not a Result: ${JSON.stringify(r)} for ${JSON.stringify(ev)}`);
	if (r.ok) return 'ok';
	if (!ERROR_CODES.includes(r.error.code) || typeof r.error.message !== 'string' || !r.error.message) {
		throw new Error(`bad error ${JSON.stringify(r)} for ${JSON.stringify(ev)}`);
	}
	return r.error.code;
}

function sioConnect(cookie: string): Promise<Socket> {
	const s = ioClient(p.url, { transports: ['websocket'], extraHeaders: { cookie, origin: p.url }, reconnection: false, forceNew: true });
	return new Promise((resolve, reject) => {
		s.once('connect', () => resolve(s));
		s.once('connect_error', reject);
	});
}

/** A bare engine.io/socket.io client: connects to the main namespace, then sends raw packets. */
class RawSio {
	closed = false;
	acks = new Set<number>();
	private constructor(readonly ws: WebSocket) {
		ws.on('close', () => (this.closed = true));
		ws.on('error', () => {});
		ws.on('message', (d: Buffer, isBinary) => {
			if (isBinary) return;
			const s = d.toString();
			if (s === '2') ws.send('3'); // engine.io ping
			const m = /^43(\d+)/.exec(s);
			if (m) this.acks.add(Number(m[1]));
		});
	}

	static async open(url: string, headers: Record<string, string>): Promise<RawSio> {
		const ws = new WebSocket(url, { headers });
		const conn = new RawSio(ws);
		const connected = new Promise<void>((resolve, reject) => {
			ws.on('message', (d: Buffer) => {
				const s = d.toString();
				if (s.startsWith('0')) ws.send('40');
				if (s.startsWith('40')) resolve();
				if (s.startsWith('44')) reject(new Error(`connect refused: ${s}`));
			});
			ws.once('unexpected-response', (_q, res) => reject(new Error(`upgrade refused ${res.statusCode}`)));
		});
		await connected;
		return conn;
	}

	/** Send a packet, then an acknowledged event; wait for its ack or the close. */
	async exchange(packet: string | Buffer, n: number): Promise<void> {
		const ackId = 100_000 + n;
		this.ws.send(packet);
		this.ws.send(`42${ackId}["presence:update",{"id":"barrier-${n}","committeeId":"x","status":"online"}]`);
		// "41…" may leave the namespace while the connection stays: then nothing answers, rightly.
		const leaves = packet.toString().startsWith('41');
		const deadline = Date.now() + (leaves ? 1000 : BARRIER_MS);
		while (!this.acks.has(ackId) && !this.closed) {
			if (Date.now() > deadline) {
				if (leaves) {
					this.ws.terminate();
					this.closed = true;
					return;
				}
				throw new Error(`no answer within ${BARRIER_MS} ms after packet ${JSON.stringify(packet.toString())}`);
			}
			await new Promise((r) => setTimeout(r, 1));
		}
	}
}
