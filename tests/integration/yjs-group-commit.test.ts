/**
 * Group commit of shared-document updates: updates arriving together are stored in one commit
 * (one fsync), yet none is relayed before it is stored — a burst from several writers killed
 * with SIGKILL leaves in the database everything any other client had received.
 */
import { afterAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import Database from 'better-sqlite3';
import { eq } from 'drizzle-orm';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { startApp, type TestApp } from '../helpers/app';
import { startServerProcess, type ServerProcess } from '../helpers/process';
import { RawPeer, updateFrame } from '../helpers/raw-yjs-peer';
import { connectDoc, waitFor, wsWithHeaders, type TestDocClient } from '../helpers/yjs-client';
import { sessionCookie } from '../helpers/yjs-durable';
import { openDb } from '../../src/lib/server/db';
import { units } from '../../src/lib/server/db/schema';
import { readStoredDoc } from '../../src/lib/server/docs/store';
import { DUTIES_TEXT } from '../../src/lib/shared/doc-names';

const text = (d: Y.Doc) => d.getText(DUTIES_TEXT).toString();
const svOf = (d: Y.Doc) => Y.decodeStateVector(Y.encodeStateVector(d));

const open: TestApp[] = [];
let proc: ServerProcess | undefined;
afterAll(async () => {
	for (const t of open.splice(0)) await t.close();
	if (proc && proc.child.exitCode === null && proc.child.signalCode === null)
		await proc.stop('SIGKILL');
});

/** 8 writers each send 10 single-character updates at once; the observer sees all 80. */
async function burst(commitBatch?: number) {
	const t = await startApp({ yjs: commitBatch ? { commitBatch } : {} });
	open.push(t);
	const unit = t.db.select().from(units).where(eq(units.name, '区城市管理局')).get()!;
	const url = `${t.wsUrl}/yjs/unit/${unit.id}/duties`;
	const headers = (login: string) => ({ cookie: t.cookie(login), origin: t.origin });
	const observer = new RawPeer(url, headers('chair'));
	const writers = Array.from({ length: 8 }, () => new RawPeer(url, headers('admin')));
	await Promise.all([observer, ...writers].map((p) => p.opened));
	await Promise.all([observer, ...writers].map((p) => p.barrier()));
	const { commits, updates } = t.app.realtime.yjs.commits;
	const sent: Uint8Array[][] = writers.map((w, i) => {
		const frames: Uint8Array[] = [];
		const copy = new Y.Doc();
		Y.applyUpdate(copy, Y.encodeStateAsUpdate(w.doc));
		copy.on('update', (u: Uint8Array) => frames.push(updateFrame(u)));
		for (let k = 0; k < 10; k++) copy.getText(DUTIES_TEXT).insert(0, `${i}`);
		return frames;
	});
	for (const [i, w] of writers.entries()) for (const f of sent[i]!) w.send(f);
	await waitFor(() => observer.updates >= 80, 10_000);
	const counts = {
		commits: t.app.realtime.yjs.commits.commits - commits,
		updates: t.app.realtime.yjs.commits.updates - updates
	};
	// Everything the observer received is stored.
	const stored = svOf(readStoredDoc(t.db, `unit/${unit.id}/duties`));
	for (const [client, clock] of svOf(observer.doc))
		expect(stored.get(client) ?? 0).toBeGreaterThanOrEqual(clock);
	for (const p of [observer, ...writers]) p.close();
	await waitFor(() => t.app.realtime.yjs.docs.size === 0);
	return counts;
}

describe('group commit', () => {
	it('a burst of updates from 8 writers is stored in fewer commits than updates, each relayed after its commit', async () => {
		const grouped = await burst();
		expect(grouped.updates).toBe(80);
		expect(grouped.commits).toBeGreaterThan(0);
		expect(grouped.commits).toBeLessThan(grouped.updates / 2);
	});

	it('with commitBatch 1 (no grouping) every update is its own commit (the test can tell)', async () => {
		const single = await burst(1);
		expect(single).toEqual({ commits: 80, updates: 80 });
	});
});

describe('kill -9 during a burst from many writers (real server process)', () => {
	// A child process, eight clients and a restart: generous on a busy machine.
	it(
		'every update any other client received is in the database; reconnecting writers restore the rest',
		{ timeout: 90_000 },
		async () => {
			proc = await startServerProcess();
			const p = proc;
			const dbFile = path.join(p.dataDir, 'yiting.db');
			const peek = new Database(dbFile, { readonly: true });
			const unitId = (
				peek.prepare('select id from unit where name = ?').get('区城市管理局') as { id: string }
			).id;
			peek.close();
			const name = `unit/${unitId}/duties`;
			const wsUrl = p.url.replace('http', 'ws');
			const cookieOf = (login: string) => sessionCookie(dbFile, login);
			const writers: TestDocClient[] = Array.from({ length: 6 }, () =>
				connectDoc(wsUrl, name, { cookie: cookieOf('admin'), origin: p.url })
			);
			const observer = connectDoc(wsUrl, name, { cookie: cookieOf('chair'), origin: p.url });
			await Promise.all([...writers, observer].map((c) => c.synced));
			const initialLength = text(observer.doc).length;

			let received = 0;
			observer.doc.on('update', () => received++);
			const killAfter = 40 + Math.floor(Math.random() * 200);
			let killed = false;
			let typed = 0;
			const exited = new Promise<NodeJS.Signals | null>((resolve) =>
				p.child.once('exit', (_code, signal) => resolve(signal))
			);
			// All writers type at once, a few characters per turn each, so updates arrive together.
			const typing = writers.map(async (w, i) => {
				const wt = w.doc.getText(DUTIES_TEXT);
				while (!killed) {
					for (let k = 0; k < 3; k++) {
						wt.insert(Math.floor(Math.random() * (wt.length + 1)), String.fromCharCode(65 + i));
						typed++;
					}
					await new Promise((r) => setTimeout(r, 1));
				}
			});
			await waitFor(() => received >= killAfter, 20_000);
			p.child.kill('SIGKILL');
			expect(await exited).toBe('SIGKILL');
			killed = true;
			await Promise.all(typing);
			await waitFor(() => !observer.provider.wsconnected);
			const observed = svOf(observer.doc);
			observer.destroy();
			for (const w of writers) w.provider.disconnect();

			const db = openDb(dbFile);
			const stored = svOf(readStoredDoc(db, name));
			db.$client.close();
			// The observer saw updates from several writers, and every one of them is stored.
			const writersSeen = writers.filter((w) => (observed.get(w.doc.clientID) ?? 0) > 0);
			expect(writersSeen.length).toBeGreaterThan(1);
			for (const [client, clock] of observed)
				expect(stored.get(client) ?? 0, `client ${client}`).toBeGreaterThanOrEqual(clock);

			// Restart on the same data; the writers reconnect with what they hold, and nothing is lost.
			const t2 = await startApp({ dataDir: p.dataDir, seed: false });
			open.push(t2);
			const again = writers.map(
				(w) =>
					new WebsocketProvider(`${t2.wsUrl}/yjs`, name, w.doc, {
						WebSocketPolyfill: wsWithHeaders({
							cookie: t2.cookie('admin'),
							origin: t2.origin
						}) as unknown as typeof globalThis.WebSocket,
						disableBc: true
					})
			);
			for (const w of writers) w.provider.destroy();
			const fresh = connectDoc(t2.wsUrl, name, {
				cookie: t2.cookie('resident1'),
				origin: t2.origin
			});
			await fresh.synced;
			await waitFor(() => text(fresh.doc).length === initialLength + typed, 15_000);
			for (const a of again) a.destroy();
			fresh.destroy();
			await waitFor(() => t2.app.realtime.yjs.docs.size === 0);
			expect(text(readStoredDoc(t2.db, name)).length).toBe(initialLength + typed);
		}
	);
});
