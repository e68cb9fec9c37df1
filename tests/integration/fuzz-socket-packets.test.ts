/**
 * Promise 16 (abuse is contained), below socket.io: mutated raw engine.io/socket.io packets on
 * bare websockets against the real server process, each followed by a well-formed event as a
 * barrier. A packet is answered or closes its connection, never hangs or crashes the server;
 * afterwards the server still serves, presence works, and the read-only document is unchanged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
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
import { RawSio, rawPacket } from '../helpers/fuzz/socket';

const RAW_PACKETS = share('packets');
// The time budget, and the least that must get done in it for the run to count.
const RAW_BUDGET_MS = budget(2500);
const MIN_RAW_PACKETS = 60;

let fz: FuzzServer;
let before: Baseline;

beforeAll(async () => {
	fz = await startFuzzServer();
	before = baseline(fz);
});
afterAll(() => stopFuzzServer(fz));

describe('fuzz: raw socket.io packets', () => {
	it(
		'hundreds of mutated packets on four websockets are answered or close their connection',
		async () => {
			const { p, wsUrl, cookies, committeeId } = fz;
			const packets = fc.sample(rawPacket, { seed: SEED + 2, numRuns: RAW_PACKETS });
			let rawCloses = 0;
			let rawProcessed = 0;
			const started = Date.now();
			// The budget bounds a fast run; a loaded machine still sends the minimum, only slower.
			const rawDeadline = started + RAW_BUDGET_MS;
			await Promise.all(
				[0, 1, 2, 3].map(async (lane) => {
					const open = () =>
						RawSio.open(`${wsUrl}/socket.io/?EIO=4&transport=websocket`, {
							cookie: cookies.member1,
							origin: p.url
						});
					let spare = open();
					let conn: RawSio | null = null;
					for (
						let i = lane;
						i < packets.length && (Date.now() < rawDeadline || rawProcessed < MIN_RAW_PACKETS);
						i += 4, rawProcessed++
					) {
						if (!conn || conn.closed) {
							if (conn) rawCloses++;
							conn = await spare;
							spare = open();
						}
						await conn.exchange(
							packets[i]!.toString().replaceAll('"C"', JSON.stringify(committeeId)),
							i
						);
					}
					conn?.ws.close();
					(await spare).ws.close();
				})
			);
			expect(rawProcessed).toBeGreaterThanOrEqual(Math.min(RAW_PACKETS, MIN_RAW_PACKETS));
			expect(rawCloses).toBeGreaterThan(rawProcessed / 20);
			expect(p.child.exitCode).toBeNull();
			console.info(
				`fuzz: ${rawProcessed} raw packets in ${Date.now() - started} ms (${rawCloses} closes)`
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
