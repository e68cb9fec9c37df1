/**
 * Cold start: the time from spawning Yiting's production process (server/index.ts on the
 * production build, as `npm start` runs it once built) to its first `/healthz` 200, polled every
 * 10 ms. Three kinds of start take turns, BENCH_COLD_STARTS (5) of each:
 * - **the benchmark's database**: the demo committee and BENCH_NEEDS (100,000) needs, seeded once
 *   here (bench/needs.ts's seed) and started on again and again: migrations already applied, no
 *   seed, search keys present — what a restart in production costs;
 * - **an empty database** (baseline): a fresh DATA_DIR each time, so the start migrates and seeds
 *   the demo committee — the first start anyone makes;
 * - **a bare `node -e` HTTP server** (baseline): Node itself starting and answering, nothing of
 *   Yiting's.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDb } from '../src/lib/server/db';
import { freePort, startApp, startProcess, type AppProcess } from './app-process';
import { seed } from './needs';
import type { BenchContext, BenchPart, BenchResult, Figure } from './part';
import { percentiles } from './stats';
import { measureCell } from './summary';

const NEEDS = Number(process.env.BENCH_NEEDS || 100_000);
const STARTS = Number(process.env.BENCH_COLD_STARTS || 5);
const POLL_MS = 10;

const BARE = `require('node:http').createServer((q, s) => s.end('{"status":"ok"}')).listen(Number(process.env.PORT), '127.0.0.1')`;

async function timed(start: () => Promise<AppProcess>): Promise<number> {
	const app = await start();
	await app.stop();
	return app.readyMs;
}

async function run({ dataDir, buildDir }: BenchContext): Promise<BenchResult> {
	// The seed writes agendas through the process's own database (DATA_DIR's): seed that one.
	const bigDir = dataDir;
	console.log(`seeding ${NEEDS.toLocaleString('en')} needs…`);
	const dbFile = path.join(bigDir, 'yiting.db');
	const db = openDb(dbFile);
	const seeded = await seed(db, dbFile, NEEDS);
	db.$client.close();
	const mib = fs.statSync(dbFile).size / 2 ** 20;
	const core = os.availableParallelism() >= 2 ? 0 : null;
	// The first start on the seeded file settles what only a first start does (the key file).
	await timed(() => startApp({ buildDir, dataDir: bigDir, core, pollMs: POLL_MS }));

	const kinds = {
		big: [] as number[],
		empty: [] as number[],
		bare: [] as number[]
	};
	for (let i = 0; i < STARTS; i++) {
		console.log(`start ${i + 1} of ${STARTS}`);
		kinds.big.push(
			await timed(() => startApp({ buildDir, dataDir: bigDir, core, pollMs: POLL_MS }))
		);
		const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'yiting-bench-empty-'));
		kinds.empty.push(
			await timed(() => startApp({ buildDir, dataDir: empty, core, pollMs: POLL_MS }))
		);
		fs.rmSync(empty, { recursive: true, force: true });
		const port = await freePort();
		kinds.bare.push(
			await timed(() =>
				startProcess([process.execPath, '-e', BARE], { port, core, pollMs: POLL_MS })
			)
		);
	}
	const big = percentiles(kinds.big);
	const empty = percentiles(kinds.empty);
	const bare = percentiles(kinds.bare);
	const size = `${NEEDS.toLocaleString('en')} needs`;
	const figures: Figure[] = [
		{
			what: `cold start to /healthz, database of ${size}`,
			unit: 'ms',
			...big,
			baseline: { what: 'first start on an empty database (migrate + demo seed)', ...empty }
		},
		{
			what: `cold start to /healthz, database of ${size}, against bare Node`,
			unit: 'ms',
			...big,
			baseline: { what: 'bare `node -e` HTTP server', ...bare }
		}
	];
	const lines = [
		`Spawn → first \`/healthz\` 200 (polled every ${POLL_MS} ms), server pinned to core 0 where \`taskset\` exists; ${STARTS} starts of each kind, taking turns. The benchmark's database: the demo committee and ${size} (seeded once in ${(seeded.seedMs / 1000).toFixed(1)} s, ${mib.toFixed(0)} MiB), started once before timing. Times in ms (p50 / p95 / p99 of ${STARTS}; with so few starts p95 and p99 are the slowest).`,
		'',
		'| start | p50 / p95 / p99 | each |',
		'| --- | ---: | --- |',
		`| database of ${size} | ${measureCell(big)} | ${kinds.big.map((x) => x.toFixed(0)).join(', ')} |`,
		`| empty database (migrate + demo seed) | ${measureCell(empty)} | ${kinds.empty.map((x) => x.toFixed(0)).join(', ')} |`,
		`| bare \`node -e\` HTTP server | ${measureCell(bare)} | ${kinds.bare.map((x) => x.toFixed(0)).join(', ')} |`,
		'',
		'Every start of server/index.ts also loads tsx (it compiles server/*.ts as it imports them) and the built SvelteKit handler; the difference from the bare start is that, plus opening the database and what the server does before it listens.'
	];
	return { figures, markdown: lines.join('\n') };
}

export const part: BenchPart = {
	describe:
		'cold start: spawn to the first `/healthz` 200 of the production process on a database of 100,000 needs, against a first start on an empty database and a bare `node -e` HTTP server.',
	run
};
