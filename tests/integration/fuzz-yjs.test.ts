/**
 * Promise 16 (abuse is contained), Yjs side: a few thousand random and mutated y-websocket
 * frames on writer and read-only connections against the real server process (so a crash
 * shows as an exit and a hang as an unanswered barrier, not as a stuck test runner).
 * Afterwards the server still serves, presence works, and the read-only document is
 * byte-for-byte unchanged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { waitFor } from '../helpers/yjs-client';
import {
	baseline,
	expectNoServerFailure,
	expectStillServing,
	FUZZ_TIMEOUT_MS,
	budget,
	share,
	SEED,
	startFuzzServer,
	stopFuzzServer,
	type Baseline,
	type FuzzServer
} from '../helpers/fuzz/server';
import { BARRIER, FuzzLane, openRawYjs, OVERSIZED, yjsFrame } from '../helpers/fuzz/yjs';

const YJS_FRAMES = share('frames');
// The time budget (the three fuzz runs together stay under 20 s), and the least that must get
// done in it for the run to count: a loaded machine does fewer frames, never a vacuous run.
const YJS_BUDGET_MS = budget(7000);
const MIN_YJS_FRAMES = 200;

let fz: FuzzServer;
let before: Baseline;

beforeAll(async () => {
	fz = await startFuzzServer();
	before = baseline(fz);
});
afterAll(() => stopFuzzServer(fz));

describe('fuzz: Yjs frames', () => {
	it(
		'thousands of random and mutated frames close connections with a named code, and documents in use are not disturbed',
		async () => {
			const { p, wsUrl, cookies, writerDoc, readOnlyDoc } = fz;
			const started = Date.now();
			// Writer lanes on one document, read-only lanes on another, plus anchors that keep the
			// documents loaded (so reconnects are cheap) and must never be disturbed.
			const anchors = await Promise.all(
				[writerDoc, readOnlyDoc].map((doc) =>
					openRawYjs(`${wsUrl}/yjs/${doc}`, { cookie: cookies.chair, origin: p.url })
				)
			);
			const frames = fc.sample(yjsFrame, { seed: SEED, numRuns: YJS_FRAMES });
			for (const at of [10, 500, 1500]) frames.splice(at, 0, OVERSIZED);
			const lanes = Array.from({ length: 16 }, (_, l) => l).map(
				(l) =>
					new FuzzLane(`${wsUrl}/yjs/${l % 2 ? readOnlyDoc : writerDoc}`, {
						cookie: l % 2 ? cookies.resident1 : cookies.admin,
						origin: p.url
					})
			);
			const yjsDeadline = started + YJS_BUDGET_MS;
			await Promise.all(
				lanes.map((lane, l) =>
					lane.run(
						frames.filter((_, i) => i % lanes.length === l),
						yjsDeadline
					)
				)
			);
			const yjsProcessed = lanes.reduce((n, l) => n + l.processed, 0);
			const closeCodes = new Map<number, number>();
			for (const l of lanes)
				for (const [c, n] of l.closeCodes) closeCodes.set(c, (closeCodes.get(c) ?? 0) + n);
			// Malformed input closes with a named code (4400) or "too big" (1009), never abnormally.
			expect(
				[...closeCodes.keys()].every((c) => c === 4400 || c === 1009),
				JSON.stringify([...closeCodes])
			).toBe(true);
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
			for (const anchor of anchors) anchor.ws.close();
			console.info(
				`fuzz: ${yjsProcessed} Yjs frames in ${Date.now() - started} ms (closes ${JSON.stringify([...closeCodes])})`
			);
		},
		FUZZ_TIMEOUT_MS
	);

	it(
		'afterwards the server serves, syncs, keeps presence and the read-only document, and logged no failure',
		async () => {
			await expectStillServing(fz, before);
			expectNoServerFailure(fz.p);
		},
		FUZZ_TIMEOUT_MS
	);
});
