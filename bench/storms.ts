/**
 * Storms: many distinct people arriving, leaving or reconnecting at once, against the real
 * server (server/index.ts with the production build) in its own process on core 0, the load
 * generator (bench/storms-load.ts, real socket.io-client connections) on core 1.
 *
 * Figures: /healthz round trips during each storm against /healthz on the idle server (the
 * baseline, same run), the join acks, the time until everyone is in / gone / back, and the
 * server's event-loop delay (perf_hooks.monitorEventLoopDelay, read by a probe in the server
 * process) against the idle server's.
 *
 * Sizes: BENCH_STORMS_PEOPLE (1000), BENCH_STORMS_RECONNECT (500), BENCH_STORMS_PORT (a free
 * port when unset).
 */
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { hasTaskset, message, start, stop, type Child } from './children';
import { sleep } from './hall-shared';
import type { BenchContext, BenchPart, BenchResult } from './part';
import { makePeople } from './storms-people';
import { render } from './storms-report';
import type { ProbeReady, StormsConfig, StormsResult } from './storms-shared';

const PEOPLE = Number(process.env.BENCH_STORMS_PEOPLE || 1000);
const RECONNECT = Math.min(PEOPLE, Number(process.env.BENCH_STORMS_RECONNECT || 500));
const SPREAD_MS = 2000;
const PART_BUDGET_MS = 240_000;

async function freePort(): Promise<number> {
	if (process.env.BENCH_STORMS_PORT) return Number(process.env.BENCH_STORMS_PORT);
	return new Promise((resolve, reject) => {
		const s = net.createServer();
		s.listen(0, '127.0.0.1', () => {
			const { port } = s.address() as net.AddressInfo;
			s.close(() => resolve(port));
		});
		s.on('error', reject);
	});
}

async function healthy(url: string, timeoutMs: number) {
	const end = Date.now() + timeoutMs;
	while (Date.now() < end) {
		const ok = await fetch(`${url}/healthz`).then(
			(r) => r.ok,
			() => false
		);
		if (ok) return;
		await sleep(100);
	}
	throw new Error(`${url} did not answer /healthz within ${timeoutMs / 1000} s`);
}

async function run({ dataDir, buildDir }: BenchContext): Promise<BenchResult> {
	const pinned = hasTaskset() && os.availableParallelism() >= 2;
	const port = await freePort();
	const url = `http://127.0.0.1:${port}`;
	const appDir = path.join(dataDir, 'app');
	const server = start('storms-server.ts', pinned ? 0 : null, {
		DATA_DIR: appDir,
		PORT: String(port),
		HOST: '127.0.0.1',
		BUILD_DIR: buildDir
	});
	let load: Child | null = null;
	const giveUp = setTimeout(() => {
		for (const c of [server, load]) c?.proc.kill('SIGKILL');
	}, PART_BUDGET_MS);
	try {
		const probe = await message<ProbeReady>(server, 'storms-server', 30_000);
		await healthy(url, 90_000);
		const who = makePeople(path.join(appDir, 'yiting.db'), PEOPLE);
		const started = await fetch(`${url}/api/v1/meetings/${who.meetingId}/start`, {
			method: 'POST',
			headers: { cookie: who.chair, origin: url }
		});
		if (!started.ok) throw new Error(`starting the meeting: ${started.status}`);
		console.log(`server on :${port}, ${PEOPLE} people made, the meeting is live`);

		load = start('storms-load.ts', pinned ? 1 : null);
		const cfg: StormsConfig = {
			type: 'config',
			url,
			probe: `http://127.0.0.1:${probe.port}`,
			meetingId: who.meetingId,
			chair: who.chair,
			people: who.people,
			reconnect: RECONNECT,
			spreadMs: SPREAD_MS,
			baselineMs: 3000,
			budgetMs: 30_000
		};
		const result = message<StormsResult>(load, 'storms-load', PART_BUDGET_MS, (m) =>
			console.log(`  ${m.text}`)
		);
		load.proc.send(cfg);
		return render(await result, {
			people: PEOPLE,
			reconnect: RECONNECT,
			pinned,
			spreadMs: SPREAD_MS
		});
	} finally {
		clearTimeout(giveUp);
		await Promise.all([server, load].filter((c): c is Child => !!c).map(stop));
	}
}

export const part: BenchPart = {
	describe:
		`storms of distinct signed-in people against the real server in its own process: ${PEOPLE.toLocaleString('en')} entering one hall within 2 s, ` +
		`all of them leaving at once, and ${RECONNECT} dropping and coming back (socket.io-client's own reconnection) — ` +
		'/healthz round trips during each storm against the idle server, join acks, time until all are in / gone / back, and the server’s event-loop delay.',
	run
};
