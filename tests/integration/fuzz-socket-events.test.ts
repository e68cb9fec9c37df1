/**
 * Promise 16 (abuse is contained), socket.io side: a few thousand random events and payloads
 * through the real client against the real server process. Every acknowledged event is answered
 * with a well-formed Result, mostly bad_request, never internal; afterwards the server still
 * serves, presence works, and the read-only document is unchanged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Result } from '../../src/lib/shared/result';
import {
	BARRIER_MS,
	baseline,
	expectNoServerFailure,
	expectStillServing,
	FUZZ_TIMEOUT_MS,
	budget,
	share,
	SEED,
	sioConnect,
	startFuzzServer,
	stopFuzzServer,
	type Baseline,
	type FuzzServer
} from '../helpers/fuzz/server';
import { checkResult, sioEvent } from '../helpers/fuzz/socket';

const SOCKET_EVENTS = share('events');
// The time budget, and the least that must get done in it for the run to count.
const SIO_BUDGET_MS = budget(2500);
const MIN_SOCKET_EVENTS = 200;

let fz: FuzzServer;
let before: Baseline;

beforeAll(async () => {
	fz = await startFuzzServer();
	before = baseline(fz);
});
afterAll(() => stopFuzzServer(fz));

describe('fuzz: socket.io events', () => {
	it(
		'thousands of random events and payloads are each answered with a well-formed Result',
		async () => {
			const { p, committeeId } = fz;
			// 30 at a time on a fresh connection, people taking turns: under the rate limits (per
			// connection and per person), so that validation, not the limiter, answers them.
			const events = fc.sample(sioEvent(committeeId), { seed: SEED + 1, numRuns: SOCKET_EVENTS });
			const answers = new Map<string, number>();
			const started = Date.now();
			const sioDeadline = started + SIO_BUDGET_MS;
			let sioProcessed = 0;
			// A person's 30 events take 1.5 s of their budget to refill (20 a second): a person's next
			// turn waits for that, however fast the turns come round.
			const lastTurn = new Map<number, number>();
			for (let i = 0; i < events.length && Date.now() < sioDeadline; i += 30) {
				const who = (i / 30) % fz.fuzzers.length;
				const wait = (lastTurn.get(who) ?? 0) + 1_600 - Date.now();
				if (wait > 0) await new Promise((r) => setTimeout(r, wait));
				lastTurn.set(who, Date.now());
				const sock = await sioConnect(p, fz.fuzzers[who]!);
				const batch = events.slice(i, i + 30);
				const results = await Promise.all(
					batch.map((ev) => {
						if (!ev.withAck) {
							sock.emit(ev.name, ...ev.args);
							return 'no ack asked';
						}
						return (
							sock.timeout(BARRIER_MS).emitWithAck(ev.name, ...ev.args) as Promise<Result<unknown>>
						).then(
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
			console.info(
				`fuzz: ${sioProcessed} events in ${Date.now() - started} ms (${JSON.stringify([...answers])})`
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
