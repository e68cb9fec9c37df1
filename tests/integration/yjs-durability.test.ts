/**
 * Promises 7 and 10 for shared documents: what the server relayed is stored (restart, kill -9),
 * the update log is compacted, and documents nobody has open are unloaded and collected.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { eq } from 'drizzle-orm';
import Database from 'better-sqlite3';
import WebSocket from 'ws';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { startApp, type TestApp } from '../helpers/app';
import { startServerProcess, type ServerProcess } from '../helpers/process';
import { connectDoc, waitFor, wsWithHeaders } from '../helpers/yjs-client';
import { sessionCookie } from '../helpers/yjs-durable';
import { openDb } from '../../src/lib/server/db';
import { committees, units } from '../../src/lib/server/db/schema';
import { countDocUpdates, readStoredDoc } from '../../src/lib/server/docs/store';
import { DUTIES_TEXT } from '../../src/lib/shared/doc-names';

/** A fresh data directory, on tmpfs when there is one: these tests are not about fsync (kill -9 below is). */
function fastDir(prefix: string): string {
	return fs.mkdtempSync(path.join(fs.existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir(), prefix));
}

const open: TestApp[] = [];
async function app(opts: Parameters<typeof startApp>[0] = {}): Promise<TestApp> {
	const t = await startApp(opts);
	open.push(t);
	return t;
}
async function closeApp(t: TestApp) {
	open.splice(open.indexOf(t), 1);
	await t.close();
}
afterAll(async () => {
	for (const t of open.splice(0)) await t.close();
});

function unitDocs(t: TestApp): string[] {
	return t.db
		.select({ id: units.id })
		.from(units)
		.all()
		.map((u) => `unit/${u.id}/duties`);
}
function docOf(t: TestApp, unitName: string): string {
	return `unit/${t.db.select().from(units).where(eq(units.name, unitName)).get()!.id}/duties`;
}
const text = (d: Y.Doc) => d.getText(DUTIES_TEXT).toString();

function updateFrame(update: Uint8Array): Uint8Array {
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, 0);
	syncProtocol.writeUpdate(e, update);
	return encoding.toUint8Array(e);
}
function syncStep1Frame(): Uint8Array {
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, 0);
	syncProtocol.writeSyncStep1(e, new Y.Doc());
	return encoding.toUint8Array(e);
}

/** One cheap raw session: connect, write `insert` as a fresh client, wait until handled, leave. */
async function joinEditLeave(
	url: string,
	headers: Record<string, string>,
	insert: string
): Promise<void> {
	const ws = new WebSocket(url, { headers });
	let received = 0;
	// The server's first message is its SyncStep1; its answer to ours comes after it has stored our update.
	const answered = new Promise<void>((resolve) =>
		ws.on('message', () => ++received === 2 && resolve())
	);
	await new Promise<void>((resolve, reject) => {
		ws.once('open', () => resolve());
		ws.once('error', reject);
	});
	const d = new Y.Doc();
	d.getText(DUTIES_TEXT).insert(0, insert);
	ws.send(updateFrame(Y.encodeStateAsUpdate(d)));
	d.destroy();
	ws.send(syncStep1Frame());
	await answered;
	await new Promise<void>((resolve) => {
		ws.once('close', () => resolve());
		ws.close();
	});
}

describe('restart', () => {
	it('a document survives a graceful restart, also with clients still connected', async () => {
		const dataDir = fastDir('yiting-durable-');
		let t = await app({ dataDir });
		const name = docOf(t, '区城市管理局');
		const w = connectDoc(t.wsUrl, name, { cookie: t.cookie('liaison1'), origin: t.origin });
		await w.synced;
		w.doc.getText(DUTIES_TEXT).insert(0, 'SURVIVES-RESTART ');
		await waitFor(() => text(readStoredDoc(t.db, name)).startsWith('SURVIVES-RESTART '));
		// The last edit is only known to be loaded, not necessarily compacted, when the server stops.
		w.doc.getText(DUTIES_TEXT).insert(0, 'LAST-EDIT ');
		await waitFor(() => text(t.app.realtime.yjs.docs.get(name)!.doc).startsWith('LAST-EDIT '));
		const expected = text(w.doc);
		await closeApp(t); // the writer is still connected
		w.destroy();

		t = await app({ dataDir, seed: false });
		expect(t.db.select().from(committees).all()).toHaveLength(1);
		const r = connectDoc(t.wsUrl, name, { cookie: t.cookie('resident1'), origin: t.origin });
		await r.synced;
		expect(text(r.doc)).toBe(expected);
		expect(text(r.doc)).toMatch(/^LAST-EDIT SURVIVES-RESTART .*垃圾分类/s);
		r.destroy();
		await waitFor(() => t.app.realtime.yjs.docs.size === 0);
		await closeApp(t);
	});
});

describe('compaction and unloading', () => {
	// One server for these: compaction every 10 updates, on tmpfs.
	let t: TestApp;
	beforeAll(async () => {
		t = await app({ dataDir: fastDir('yiting-compact-'), yjs: { compactEvery: 10 } });
	});

	it('the update log is compacted into one row when the last client leaves, and the doc unloads', async () => {
		const name = docOf(t, '区城市管理局');
		expect(countDocUpdates(t.db, name)).toBe(1);
		const a = connectDoc(t.wsUrl, name, { cookie: t.cookie('admin'), origin: t.origin });
		const b = connectDoc(t.wsUrl, name, { cookie: t.cookie('liaison1'), origin: t.origin });
		const c = connectDoc(t.wsUrl, name, { cookie: t.cookie('resident1'), origin: t.origin });
		await Promise.all([a.synced, b.synced, c.synced]);
		// Fewer updates than `compactEvery`: only leaving compacts them.
		for (let i = 0; i < 4; i++) {
			a.doc.getText(DUTIES_TEXT).insert(0, `a${i} `);
			b.doc.getText(DUTIES_TEXT).insert(b.doc.getText(DUTIES_TEXT).length, ` b${i}`);
		}
		await waitFor(
			() =>
				text(a.doc) === text(b.doc) &&
				text(c.doc) === text(a.doc) &&
				text(a.doc).includes('b3') &&
				text(a.doc).includes('a3')
		);
		const final = text(a.doc);
		expect(countDocUpdates(t.db, name)).toBe(9);
		expect(t.app.realtime.yjs.docs.has(name)).toBe(true);

		a.destroy();
		b.destroy();
		// One reader left: still loaded, not yet compacted.
		await waitFor(() => t.app.realtime.yjs.connectionCount === 1);
		expect(t.app.realtime.yjs.docs.has(name)).toBe(true);
		expect(countDocUpdates(t.db, name)).toBe(9);

		c.destroy();
		await waitFor(() => t.app.realtime.yjs.docs.size === 0);
		expect(countDocUpdates(t.db, name)).toBe(1);
		expect(text(readStoredDoc(t.db, name))).toBe(final);
	});

	it('the log is also compacted every `compactEvery` updates while clients stay connected', async () => {
		const name = docOf(t, '区交通委员会');
		const a = connectDoc(t.wsUrl, name, { cookie: t.cookie('admin'), origin: t.origin });
		await a.synced;
		let maxRows = 0;
		for (let i = 0; i < 35; i++) {
			a.doc.getText(DUTIES_TEXT).insert(0, `${i},`);
			await waitFor(() => text(t.app.realtime.yjs.docs.get(name)!.doc).startsWith(`${i},`));
			maxRows = Math.max(maxRows, countDocUpdates(t.db, name));
		}
		expect(maxRows).toBeLessThanOrEqual(10);
		expect(text(readStoredDoc(t.db, name))).toBe(text(a.doc));
		a.destroy();
		await waitFor(() => t.app.realtime.yjs.docs.size === 0);
	});

	it('connections that vanish (terminated sockets, no pongs) still unload their document', async () => {
		const t3 = await app({ dataDir: fastDir('yiting-ping-'), yjs: { pingIntervalMs: 100 } });
		const [d1, d2] = unitDocs(t3) as [string, string];
		const headers = { cookie: t3.cookie('admin'), origin: t3.origin };
		// A client that never answers pings (a half-open TCP connection looks like this).
		const silent = new WebSocket(`${t3.wsUrl}/yjs/${d1}`, { headers, autoPong: false });
		// A client whose socket is torn down without a close handshake.
		const torn = new WebSocket(`${t3.wsUrl}/yjs/${d2}`, { headers });
		await Promise.all([silent, torn].map((ws) => new Promise((r) => ws.once('message', r))));
		expect(t3.app.realtime.yjs.docs.size).toBe(2);
		torn.terminate();
		await waitFor(() => !t3.app.realtime.yjs.docs.has(d2));
		await waitFor(() => t3.app.realtime.yjs.docs.size === 0, 3000);
		expect(silent.readyState).toBe(WebSocket.CLOSED);
		await closeApp(t3);
	});

	it('200 rounds of join/edit/leave over 8 documents leave no document loaded, and the documents are collected', async () => {
		setFlagsFromString('--expose-gc');
		const gc = runInNewContext('gc') as () => void;
		const names = unitDocs(t);
		expect(names).toHaveLength(8);
		const cookies = ['admin', 'liaison1', 'liaison2'].map((l) => t.cookie(l));
		const loaded: WeakRef<object>[] = [];
		const spy = setInterval(() => {
			for (const shared of t.app.realtime.yjs.docs.values()) {
				if (!loaded.some((w) => w.deref() === shared)) loaded.push(new WeakRef(shared));
			}
		}, 1);
		const rounds = 200;
		// Eight lanes, one per document, each doing its rounds in sequence.
		await Promise.all(
			names.map(async (name, lane) => {
				for (let i = lane; i < rounds; i += names.length) {
					// admin writes everywhere; liaisons only their own unit, so use admin for those.
					await joinEditLeave(
						`${t.wsUrl}/yjs/${name}`,
						{ cookie: cookies[0]!, origin: t.origin },
						`r${i};`
					);
				}
			})
		);
		clearInterval(spy);
		await waitFor(() => t.app.realtime.yjs.docs.size === 0);
		expect(t.app.realtime.yjs.connectionCount).toBe(0);
		for (const [lane, name] of names.entries()) {
			expect(countDocUpdates(t.db, name)).toBe(1);
			const stored = text(readStoredDoc(t.db, name));
			for (let i = lane; i < rounds; i += names.length) expect(stored).toContain(`r${i};`);
		}
		// The SharedDoc objects of unloaded documents are garbage, not held by anything.
		expect(loaded.length).toBeGreaterThanOrEqual(names.length);
		for (let i = 0; i < 5 && loaded.some((w) => w.deref()); i++) {
			await new Promise((r) => setTimeout(r, 20));
			gc();
		}
		expect(loaded.filter((w) => w.deref() !== undefined)).toHaveLength(0);
	});
});

describe('kill -9 mid-burst (real server process)', () => {
	let p: ServerProcess | undefined;
	afterAll(async () => {
		for (const proc of [p]) {
			// stop() waits for an exit that already happened when the child died by a signal.
			if (proc && proc.child.exitCode === null && proc.child.signalCode === null)
				await proc.stop('SIGKILL');
		}
	});

	it('every update the server relayed before SIGKILL is in the database; reconnecting restores the rest', async () => {
		p = await startServerProcess();
		const dbFile = path.join(p.dataDir, 'yiting.db');
		const peek = new Database(dbFile, { readonly: true });
		const unitId = (
			peek.prepare('select id from unit where name = ?').get('区城市管理局') as { id: string }
		).id;
		peek.close();
		const name = `unit/${unitId}/duties`;
		const wsUrl = p.url.replace('http', 'ws');
		const writer = connectDoc(wsUrl, name, {
			cookie: sessionCookie(dbFile, 'liaison1'),
			origin: p.url
		});
		const observer = connectDoc(wsUrl, name, {
			cookie: sessionCookie(dbFile, 'chair'),
			origin: p.url
		});
		await Promise.all([writer.synced, observer.synced]);
		const initialLength = text(writer.doc).length;

		let received = 0;
		observer.doc.on('update', () => received++);
		// Kill after a random number of relayed updates (the writer is ahead of the observer, so
		// the server is mid-burst, with updates arriving, being stored and being relayed).
		const killAfter = 20 + Math.floor(Math.random() * 130);
		let killed = false;
		let typed = 0;
		const child = p.child;
		const exited = new Promise<NodeJS.Signals | null>((resolve) =>
			child.once('exit', (_code, signal) => resolve(signal))
		);
		const burst = (async () => {
			const wt = writer.doc.getText(DUTIES_TEXT);
			while (!killed) {
				for (let k = 0; k < 5; k++) {
					wt.insert(
						Math.floor(Math.random() * (wt.length + 1)),
						String.fromCharCode(97 + (typed % 26))
					);
					typed++;
				}
				await new Promise((r) => setTimeout(r, 1));
			}
		})();
		await waitFor(() => received >= killAfter, 20_000);
		child.kill('SIGKILL');
		expect(await exited).toBe('SIGKILL');
		killed = true;
		await burst;
		// Let the observer take in whatever the server had already written to its socket.
		await waitFor(() => !observer.provider.wsconnected);
		const observed = Y.decodeStateVector(Y.encodeStateVector(observer.doc));
		const observedText = text(observer.doc);
		observer.destroy();
		writer.provider.disconnect();

		expect(received).toBeGreaterThanOrEqual(killAfter);
		expect(typed).toBeGreaterThanOrEqual(received);
		const db = openDb(dbFile);
		const stored = readStoredDoc(db, name);
		const storedSv = Y.decodeStateVector(Y.encodeStateVector(stored));
		db.$client.close();
		expect(observed.get(writer.doc.clientID)).toBeGreaterThanOrEqual(killAfter);
		for (const [client, clock] of observed) {
			expect(storedSv.get(client) ?? 0, `client ${client}`).toBeGreaterThanOrEqual(clock);
		}
		// Everything the observer saw is in the stored text (it may hold more the observer missed).
		expect(text(stored).length).toBeGreaterThanOrEqual(observedText.length);

		// Restart on the same data (in this process: quicker than a second child); the writer
		// reconnects with the document it still holds, and the server ends up with all of it.
		const t2 = await app({ dataDir: p.dataDir, seed: false });
		const again = new WebsocketProvider(`${t2.wsUrl}/yjs`, name, writer.doc, {
			WebSocketPolyfill: wsWithHeaders({
				cookie: t2.cookie('liaison1'),
				origin: t2.origin
			}) as unknown as typeof globalThis.WebSocket,
			disableBc: true
		});
		writer.provider.destroy();
		const fresh = connectDoc(t2.wsUrl, name, { cookie: t2.cookie('resident1'), origin: t2.origin });
		await fresh.synced;
		await waitFor(() => text(fresh.doc) === text(writer.doc), 10_000);
		expect(text(fresh.doc).length).toBe(initialLength + typed);
		const final = text(fresh.doc);
		again.destroy();
		fresh.destroy();
		writer.doc.destroy();
		await waitFor(() => t2.app.realtime.yjs.docs.size === 0);
		expect(text(readStoredDoc(t2.db, name))).toBe(final);
		await closeApp(t2);
	});
});
