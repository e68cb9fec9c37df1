/**
 * Promise 10, memory is returned: rounds of join/edit/leave over many documents leave no
 * document loaded, no SharedDoc reachable, and the heap within 10% of where it started.
 * The short variant runs in `npm test`; YITING_LONG=1 runs the full size (1,000 rounds
 * over 200 documents). The server runs in this process, so the heap measured holds the clients
 * too: a leak on either side fails the test.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { startApp, type TestApp } from '../helpers/app';
import { RawPeer } from '../helpers/raw-yjs-peer';
import { waitFor } from '../helpers/yjs-client';
import { committees, units } from '../../src/lib/server/db/schema';
import { newId } from '../../src/lib/server/db/ids';
import { countDocUpdates, readStoredDoc } from '../../src/lib/server/docs/store';
import { DUTIES_TEXT } from '../../src/lib/shared/doc-names';

const LONG = process.env.YITING_LONG === '1';
const ROUNDS = LONG ? 1000 : 240;
const DOCS = LONG ? 200 : 40;
const LANES = 20;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

let t: TestApp;
let names: string[];
let headers: Record<string, string>;

beforeAll(async () => {
	// On tmpfs when there is one: this test is about memory, not fsync.
	const base = fs.existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir();
	t = await startApp({ dataDir: fs.mkdtempSync(path.join(base, 'yiting-leaks-')) });
	const committeeId = t.db.select({ id: committees.id }).from(committees).get()!.id;
	const now = new Date();
	names = Array.from({ length: DOCS }, (_, i) => {
		const id = newId();
		t.db
			.insert(units)
			.values({ id, committeeId, name: `泄漏测试单位${i}`, type: 'government', createdAt: now })
			.run();
		return `unit/${id}/duties`;
	});
	headers = { cookie: t.cookie('admin'), origin: t.origin };
});
afterAll(() => t.close());

/** Join one document, write, wait until the server has stored it, leave. */
async function round(name: string, i: number): Promise<void> {
	const peer = new RawPeer(`${t.wsUrl}/yjs/${name}`, headers);
	await peer.opened;
	await peer.barrier();
	peer.write((d) => d.getText(DUTIES_TEXT).insert(0, `r${i};`));
	await peer.barrier();
	const closed = new Promise((r) => peer.ws.once('close', r));
	peer.close();
	await closed;
}

/** Rounds `from`..`to`-1 over the documents in turn, `LANES` at a time. */
async function rounds(from: number, to: number, spy?: () => void): Promise<void> {
	let next = from;
	await Promise.all(
		Array.from({ length: LANES }, async () => {
			while (next < to) {
				const i = next++;
				await round(names[i % names.length]!, i);
				spy?.();
			}
		})
	);
}

async function settledHeap(): Promise<number> {
	await waitFor(() => t.app.realtime.yjs.docs.size === 0, 10_000);
	let heap = Infinity;
	for (let k = 0; k < 4; k++) {
		await new Promise((r) => setTimeout(r, 20));
		gc();
		heap = Math.min(heap, process.memoryUsage().heapUsed);
	}
	return heap;
}

describe('leaks', () => {
	it(
		`${ROUNDS} rounds of join/edit/leave over ${DOCS} documents leave no document loaded and the heap within 10%`,
		{ timeout: LONG ? 300_000 : 60_000 },
		async () => {
			// Warm-up: every document stored once and every code path run before the start is taken.
			await rounds(0, DOCS);
			const start = await settledHeap();

			const loaded: WeakRef<object>[] = [];
			const seen = new WeakSet<object>();
			const spy = () => {
				for (const shared of t.app.realtime.yjs.docs.values())
					if (!seen.has(shared)) {
						seen.add(shared);
						loaded.push(new WeakRef(shared));
					}
			};
			await rounds(DOCS, DOCS + ROUNDS, spy);
			const end = await settledHeap();

			expect(t.app.realtime.yjs.docs.size).toBe(0);
			expect(t.app.realtime.yjs.connectionCount).toBe(0);
			expect(loaded.length).toBeGreaterThan(DOCS / 2);
			expect(loaded.filter((w) => w.deref() !== undefined)).toHaveLength(0);
			expect(end, `heap ${start} → ${end} bytes`).toBeLessThanOrEqual(start * 1.1);
			// Every edit was kept, and each document's log is one compacted row.
			for (const [k, name] of names.entries()) {
				expect(countDocUpdates(t.db, name)).toBe(1);
				const text = readStoredDoc(t.db, name).getText(DUTIES_TEXT).toString();
				for (let i = k; i < DOCS + ROUNDS; i += DOCS) expect(text).toContain(`r${i};`);
			}
		}
	);
});
