/**
 * Hall fan-out and memory per participant: Yiting's server broadcasting the chair's agenda move
 * to 500 and then 2,000 residents in one hall, against a bare `ws` broadcast and a bare
 * socket.io broadcast (`io.to(room).emit`) of the same bytes to as many clients, in the same run.
 *
 * Child processes (started and stopped here):
 * - bench/hall-server.ts: the real server (server/app.ts) with the bench's residents and
 *   sessions, the public meeting live; core 0, --expose-gc (memory after full GCs);
 * - bench/hall-bare.ts (bare ws) and bench/hall-bare-sio.ts (bare socket.io), also on core 0:
 *   idle while the app broadcasts, and the other way round;
 * - BENCH_HALL_WORKERS (4) load workers (bench/hall-load.ts) on core 1, each holding a share of
 *   every server's clients; this process (the driver, hall-drive.ts) sends the broadcasts.
 *
 * Each round sends one broadcast of each kind in turn (the order rotates), the next only once the
 * last reached every client and 60 ms passed (more than the hall's 50 ms broadcast window).
 * BENCH_HALL_TMPFS=1 puts the app's database on /dev/shm. Sizes: BENCH_HALL_SIZES (500,2000), BENCH_HALL_ROUNDS (60). BENCH_HALL_PROFILE=<dir>: the app
 * server writes a CPU profile of each size's measured rounds there
 * (rounds-<size>.cpuprofile).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
	KINDS,
	sleep,
	type BareReady,
	type CpuSample,
	type Kind,
	type MemSample,
	type Receipts,
	type ServerReady,
	type WorkerMessage
} from './hall-shared';
import { hasTaskset, message, start, stop, type Child } from './children';
import { getJson } from './load-kit';
import { Driver } from './hall-drive';
import { report, type SizeResult } from './hall-report';
import type { BenchContext, BenchPart } from './part';

const SIZES = (process.env.BENCH_HALL_SIZES || '500,2000').split(',').map(Number);
const ROUNDS = Number(process.env.BENCH_HALL_ROUNDS || 60);
const WORKERS = Number(process.env.BENCH_HALL_WORKERS || 4);
const WARM_ROUNDS = 5;
const PART_BUDGET_MS = 1_800_000;

/** The next message of one kind from a child (its 'error' rejects). */
function next<T extends WorkerMessage['type']>(
	c: Child,
	type: T,
	timeoutMs: number
): Promise<Extract<WorkerMessage, { type: T }>> {
	return new Promise((resolve, reject) => {
		const t = setTimeout(() => {
			c.proc.off('message', on);
			reject(new Error(`worker: no ${type} within ${timeoutMs / 1000} s\n${c.output()}`));
		}, timeoutMs);
		const on = (m: WorkerMessage) => {
			if (m.type !== type && m.type !== 'error') return;
			clearTimeout(t);
			c.proc.off('message', on);
			if (m.type === 'error') reject(new Error(`worker: ${m.message}`));
			else resolve(m as Extract<WorkerMessage, { type: T }>);
		};
		c.proc.on('message', on);
	});
}

type Urls = Record<Kind, string>;

/** A few broadcasts of each kind, not measured (JIT, prepared statements, new sockets). */
async function warm(driver: Driver) {
	for (let i = 0; i < WARM_ROUNDS; i++)
		for (const k of KINDS) {
			await driver.broadcast(k);
			await sleep(60);
		}
}
const mems = (urls: Urls) =>
	Promise.all(KINDS.map((k) => getJson<MemSample>(`${urls[k]}/__bench/mem`))).then(
		(m) => Object.fromEntries(KINDS.map((k, i) => [k, m[i]!])) as Record<Kind, MemSample>
	);
const cpus = (urls: Urls) =>
	Promise.all(KINDS.map((k) => getJson<CpuSample>(`${urls[k]}/__bench/cpu`)));

/** Every worker's receipts since the last call, merged by kind, and the workers' CPU time. */
async function take(workers: Child[]) {
	const all = await Promise.all(
		workers.map((w) => {
			const r = next(w, 'samples', 60_000);
			w.proc.send({ type: 'take' });
			return r;
		})
	);
	const receipts = Object.fromEntries(
		KINDS.map((k) => [
			k,
			{
				versions: all.flatMap((a) => a.receipts[k].versions),
				times: all.flatMap((a) => a.receipts[k].times)
			}
		])
	) as Record<Kind, Receipts>;
	return { receipts, cpuUs: all.reduce((s, a) => s + a.cpuUs, 0) };
}

/** Latencies (ms) of the broadcasts sent, and how many receipts are missing. */
function latencies(r: Receipts, sent: Map<number, number>, clients: number) {
	const all: number[] = [];
	const last = new Map<number, number>();
	for (let i = 0; i < r.versions.length; i++) {
		const t0 = sent.get(r.versions[i]!);
		if (t0 === undefined) continue;
		const dt = r.times[i]! - t0;
		all.push(dt);
		last.set(r.versions[i]!, Math.max(last.get(r.versions[i]!) ?? 0, dt));
	}
	return { all, last: [...last.values()], missing: sent.size * clients - all.length };
}

async function run({ dataDir }: BenchContext) {
	const t0 = performance.now();
	const pinned = hasTaskset() && os.availableParallelism() >= 2;
	const core = (c: number) => (pinned ? c : null);
	const max = Math.max(...SIZES);
	const profile = process.env.BENCH_HALL_PROFILE;
	// BENCH_HALL_TMPFS=1: the app's database on /dev/shm, where fsync costs nothing — the joins
	// (one fsync per person's attendance) no longer wait for a disk other work on the machine shares.
	const tmpfs = process.env.BENCH_HALL_TMPFS === '1' && fs.existsSync('/dev/shm');
	const appDir = tmpfs ? fs.mkdtempSync('/dev/shm/yiting-bench-hall-') : path.join(dataDir, 'app');
	// BENCH_HALL_PORT: the servers listen on it and the next two ports (default: any free ones).
	const base = Number(process.env.BENCH_HALL_PORT || 0);
	const port = (i: number) => ({ BENCH_PORT: base ? String(base + i) : '0' });
	const server = start('hall-server.ts', core(0), {
		DATA_DIR: path.join(dataDir, 'app'),
		BENCH_HALL_PROFILE: profile ? path.resolve(profile) : '',
		BENCH_HALL_RESIDENTS: String(max),
		BENCH_HALL_EDITORS: '0',
		...port(0)
	});
	const wsServer = start('hall-bare.ts', core(0), port(1));
	const sioServer = start('hall-bare-sio.ts', core(0), port(2));
	const workers: Child[] = [];
	let driver: Driver | null = null;
	const children = () => [server, wsServer, sioServer, ...workers];
	const giveUp = setTimeout(() => {
		for (const c of children()) c.proc.kill('SIGKILL');
	}, PART_BUDGET_MS);
	try {
		const [ready, ws, sio] = await Promise.all([
			message<ServerReady>(server, 'hall-server', 180_000),
			message<BareReady>(wsServer, 'hall-bare', 30_000),
			message<BareReady>(sioServer, 'hall-bare-sio', 30_000)
		]);
		const urls: Urls = {
			app: `http://127.0.0.1:${ready.port}`,
			ws: `http://127.0.0.1:${ws.port}`,
			sio: `http://127.0.0.1:${sio.port}`
		};
		console.log(
			`server ready in ${(ready.setupMs / 1000).toFixed(1)} s, ${ready.residents.length} residents`
		);
		for (let i = 0; i < WORKERS; i++) workers.push(start('hall-load.ts', core(1)));
		await Promise.all(
			workers.map((w) => {
				const r = next(w, 'ready', 30_000);
				w.proc.send({
					type: 'config',
					appPort: ready.port,
					wsPort: ws.port,
					sioPort: sio.port,
					meetingId: ready.meetingId
				});
				return r;
			})
		);
		driver = new Driver(
			{
				appPort: ready.port,
				wsPort: ws.port,
				sioPort: sio.port,
				meetingId: ready.meetingId,
				chair: ready.chair,
				agendaItems: ready.agendaItems,
				receiptTimeoutMs: 5_000
			},
			workers
		);
		await driver.open();
		// Warm the paths (JIT, prepared statements) before the first memory sample.
		await warm(driver);
		const before = await mems(urls);
		const sizes: SizeResult[] = [];
		let have = 0;
		const failed: string[] = [];
		for (const size of SIZES) {
			// A size that fails (joins too slow on a busy machine) is reported, the ones before it kept.
			try {
				const cookies = ready.residents.slice(have, size);
				const tc = performance.now();
				await Promise.all(
					workers.map((w, i) => {
						const r = next(w, 'connected', 1_500_000);
						w.proc.send({ type: 'connect', cookies: cookies.filter((_, j) => j % WORKERS === i) });
						return r;
					})
				);
				have = size;
				driver.listening = true;
				const connectMs = performance.now() - tc;
				console.log(
					`  ${size} clients of each server connected (${(connectMs / 1000).toFixed(1)} s)`
				);
				await sleep(1000); // the last presence broadcasts of the joins land
				const mem = await mems(urls);
				await warm(driver);
				for (const k of KINDS) driver.sent[k].clear();
				const gen0 = await take(workers);
				const cpu0 = await cpus(urls);
				if (profile) await fetch(`${urls.app}/__bench/profile/start`);
				const w0 = performance.now();
				for (let i = 0; i < ROUNDS; i++)
					for (let j = 0; j < KINDS.length; j++) {
						await driver.broadcast(KINDS[(i + j) % KINDS.length]!);
						await sleep(60);
					}
				const wallMs = performance.now() - w0;
				const cpu1 = await cpus(urls);
				if (profile) await fetch(`${urls.app}/__bench/profile/stop?rounds-${size}`);
				const got = await take(workers);
				const share = (a: CpuSample, b: CpuSample) =>
					(b.cpuUs - a.cpuUs) / ((b.wallNs - a.wallNs) / 1e3);
				sizes.push({
					size,
					connectMs,
					wallMs,
					mem,
					lat: Object.fromEntries(
						KINDS.map((k) => [k, latencies(got.receipts[k], driver!.sent[k], size)])
					) as SizeResult['lat'],
					late: { ...driver.late },
					cpu: {
						generator: (got.cpuUs - gen0.cpuUs) / 1e3 / wallMs,
						app: share(cpu0[0]!, cpu1[0]!),
						ws: share(cpu0[1]!, cpu1[1]!),
						sio: share(cpu0[2]!, cpu1[2]!)
					}
				});
				for (const k of KINDS) driver.sent[k].clear();
				console.log(`  ${ROUNDS} rounds at ${size} in ${(wallMs / 1000).toFixed(1)} s`);
			} catch (e) {
				failed.push(`${size}: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]}`);
				break;
			}
		}
		if (!sizes.length) throw new Error(`hall: no size completed (${failed.join('; ')})`);
		return report({
			sizes,
			before,
			rounds: ROUNDS,
			workers: WORKERS,
			pinned,
			partMs: performance.now() - t0,
			setupMs: ready.setupMs,
			load: os.loadavg(),
			tmpfs,
			failed
		});
	} finally {
		clearTimeout(giveUp);
		driver?.close();
		await Promise.all(children().map(stop));
		if (tmpfs) fs.rmSync(appDir, { recursive: true, force: true });
	}
}

export const part: BenchPart = {
	describe:
		"hall fan-out: the chair's agenda move to every resident's socket.io-client (signed in, in the hall, parsing what it gets) at 500 and 2,000 participants in one hall, " +
		'against a bare `ws` broadcast and a bare socket.io broadcast of the same bytes to as many clients, interleaved in the same run; server heap and RSS per connected participant against both baselines. ' +
		'The server runs on its own core, the load generator (several processes) on the other.',
	run
};
