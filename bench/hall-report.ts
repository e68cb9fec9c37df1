/**
 * The hall part's figures (bench/part.ts) and its Markdown for BENCHMARKS.md.
 */
import { KINDS, pct, type Kind, type MemSample } from './hall-shared';
import type { BenchResult, Figure, Measure } from './part';

export interface Latencies {
	/** Every receipt (client × broadcast), ms. */
	all: number[];
	/** Per broadcast: when its last client got it. */
	last: number[];
	missing: number;
}

export interface SizeResult {
	size: number;
	connectMs: number;
	wallMs: number;
	/** The servers' memory with `size` clients connected (the app's also in the hall). */
	mem: Record<Kind, MemSample>;
	lat: Record<Kind, Latencies>;
	/** Broadcasts (since the start) that did not reach every client within the timeout. */
	late: Record<Kind, number>;
	/** Share of one core over the measured rounds. */
	cpu: { generator: number } & Record<Kind, number>;
}

export interface HallRun {
	sizes: SizeResult[];
	/** The servers' memory before any resident connected (the chair and controllers only). */
	before: Record<Kind, MemSample>;
	rounds: number;
	workers: number;
	pinned: boolean;
	partMs: number;
	setupMs: number;
	load: number[];
	/** The app's database was on /dev/shm (fsync free), not on the disk. */
	tmpfs: boolean;
	/** Sizes that did not complete, and why. */
	failed: string[];
}

/** Aims at 2,000 participants: fan-out p99 within these multiples of each baseline. */
const AIM_WS = 1.5;
const AIM_SIO = 1.2;
const AIM_KIB = 20;
const AIM_SIZE = 2000;

const NAME: Record<Kind, string> = { app: 'Yiting', ws: 'bare ws', sio: 'bare socket.io' };
const f = (x: number) => (Number.isNaN(x) ? '–' : x < 10 ? x.toFixed(2) : x.toFixed(1));
const kib = (b: number) => b / 1024;
const pc = (x: number) => `${(x * 100).toFixed(0)}%`;
const n = (x: number) => x.toLocaleString('en');

function measure(xs: number[]): Measure {
	const s = [...xs].sort((a, b) => a - b);
	return { p50: pct(s, 50), p95: pct(s, 95), p99: pct(s, 99), n: s.length };
}

function fanFigures(r: SizeResult): Figure[] {
	const app = measure(r.lat.app.all);
	const out: Figure[] = [];
	for (const [base, aim] of [
		['ws', AIM_WS],
		['sio', AIM_SIO]
	] as const) {
		const b = measure(r.lat[base].all);
		const ratio = app.p99! / b.p99!;
		const aimed = r.size === AIM_SIZE;
		out.push({
			what: `hall fan-out, ${n(r.size)} participants, vs ${NAME[base]}`,
			unit: 'ms',
			...app,
			baseline: { what: `${NAME[base]} broadcast of the same bytes to ${n(r.size)}`, ...b },
			ratio,
			...(aimed
				? {
						aim: `p99 ≤ ${AIM_WS === aim ? '1.5' : '1.2'}× ${NAME[base]}`,
						met: ratio <= aim && !r.lat.app.missing
					}
				: {})
		});
	}
	return out;
}

function memFigures(r: SizeResult, before: Record<Kind, MemSample>): Figure[] {
	const per = (k: Kind, key: keyof MemSample) => kib((r.mem[k][key] - before[k][key]) / r.size);
	const heap = per('app', 'heapUsed');
	return [
		{
			what: `server heap per participant, ${n(r.size)} connected and in the hall`,
			unit: 'KiB',
			value: heap,
			baseline: { what: `bare socket.io, ${n(r.size)} connected`, value: per('sio', 'heapUsed') },
			ratio: heap / per('sio', 'heapUsed'),
			aim: `< ${AIM_KIB} KiB`,
			met: heap < AIM_KIB
		},
		{
			what: `server RSS per participant, ${n(r.size)} connected and in the hall`,
			unit: 'KiB',
			value: per('app', 'rss'),
			baseline: { what: `bare socket.io, ${n(r.size)} connected`, value: per('sio', 'rss') }
		}
	];
}

function latencyTable(sizes: SizeResult[]): string[] {
	const lines = [
		'| participants | server | receipts | p50 | p95 | p99 | max | last client p50 | last client p99 | × bare ws p50 / p99 | × bare socket.io p50 / p99 |',
		'| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |'
	];
	for (const r of sizes) {
		const m = Object.fromEntries(KINDS.map((k) => [k, measure(r.lat[k].all)])) as Record<
			Kind,
			Measure
		>;
		for (const k of KINDS) {
			const x = m[k];
			const last = measure(r.lat[k].last);
			const sorted = [...r.lat[k].all].sort((a, b) => a - b);
			const ratio = (b: Kind) =>
				k === b ? '' : `${(x.p50! / m[b].p50!).toFixed(2)} / ${(x.p99! / m[b].p99!).toFixed(2)}`;
			const missing = r.lat[k].missing ? ` (${n(r.lat[k].missing)} missing)` : '';
			lines.push(
				`| ${n(r.size)} | ${NAME[k]} | ${n(x.n!)}${missing} | ${f(x.p50!)} | ${f(x.p95!)} | ${f(x.p99!)} | ${f(sorted.at(-1) ?? NaN)} | ${f(last.p50!)} | ${f(last.p99!)} | ${ratio('ws')} | ${ratio('sio')} |`
			);
		}
	}
	return lines;
}

function memoryTable(run: HallRun): string[] {
	const lines = [
		'| participants | server | heap used | heap per participant | RSS | RSS per participant |',
		'| ---: | --- | ---: | ---: | ---: | ---: |'
	];
	const mib = (b: number) => `${(b / 2 ** 20).toFixed(1)} MiB`;
	for (const k of KINDS)
		lines.push(
			`| 0 | ${NAME[k]} | ${mib(run.before[k].heapUsed)} | | ${mib(run.before[k].rss)} | |`
		);
	for (const r of run.sizes)
		for (const k of KINDS) {
			const per = (key: keyof MemSample) =>
				kib((r.mem[k][key] - run.before[k][key]) / r.size).toFixed(1);
			lines.push(
				`| ${n(r.size)} | ${NAME[k]} | ${mib(r.mem[k].heapUsed)} | ${per('heapUsed')} KiB | ${mib(r.mem[k].rss)} | ${per('rss')} KiB |`
			);
		}
	return lines;
}

function method(run: HallRun): string {
	const sizes = run.sizes.map((r) => n(r.size)).join(' and ');
	return (
		`${sizes} residents of 滨河社区 (made in the bench's own database, each with a session) in the demo public meeting's hall with the chair, ` +
		`every one a real socket.io-client (websocket transport) signed in by its session cookie and in the hall (\`hall:join\` acknowledged); no raw clients. ` +
		`The same number of socket.io-client clients is connected to a bare socket.io server (a plain \`Server\`, every connection in one room, \`io.to(room).emit('hall:state', state)\`) ` +
		`and of \`ws\` clients to a bare \`ws\` server (the frame \`42["hall:state",…]\` serialised once and sent to each). Every client parses what it receives: socket.io-client decodes each packet into the event's object, the \`ws\` clients \`JSON.parse\` each frame. ` +
		`The three servers run in their own processes${run.pinned ? ' on core 0 (`taskset -c 0`)' : ''}; the clients are spread over ${run.workers} load processes${run.pinned ? ' on core 1' : ''}, the broadcasts are sent from the parent. ` +
		`Each round, ${run.rounds} rounds per size: the chair's \`hall:agenda\` move (Yiting: validated, permission-checked, stored in SQLite with \`synchronous=FULL\`${run.tmpfs ? ' — the database on /dev/shm for this run, so no fsync waits for the disk' : ''}, then broadcast), timed from the chair's emit to the \`hall:state\` with the new version at every resident; ` +
		`a bare socket.io broadcast and a bare \`ws\` broadcast of the same state object, timed from the controller's send; in rotating order, each once the last reached every client, 60 ms apart. ` +
		`Times in ms, nearest-rank percentiles over every receipt (client × broadcast), measured with one monotonic clock across the processes. ` +
		`Memory: each server process after two full GCs, before any resident connected and with ${sizes} connected (the app's also in the hall), per participant.`
	);
}

export function report(run: HallRun): BenchResult {
	const figures = run.sizes.flatMap((r) => [...fanFigures(r), ...memFigures(r, run.before)]);
	const out = [method(run), '', ...latencyTable(run.sizes), '', ...memoryTable(run), ''];
	out.push(
		'| participants | rounds wall s | connecting s | generator CPU | Yiting CPU | bare ws CPU | bare socket.io CPU |'
	);
	out.push('| ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
	for (const r of run.sizes)
		out.push(
			`| ${n(r.size)} | ${(r.wallMs / 1000).toFixed(1)} | ${(r.connectMs / 1000).toFixed(1)} | ${pc(r.cpu.generator)} | ${pc(r.cpu.app)} | ${pc(r.cpu.ws)} | ${pc(r.cpu.sio)} |`
		);
	out.push('');
	const late = run.sizes.at(-1)!.late;
	const misses = figures.filter((x) => x.met === false).map((x) => x.what);
	out.push(
		`Load average at the end (1 / 5 / 15 min): ${run.load.map((l) => l.toFixed(2)).join(' / ')}. ` +
			`Server setup ${(run.setupMs / 1000).toFixed(1)} s; the part took ${(run.partMs / 1000).toFixed(0)} s. ` +
			(KINDS.some((k) => late[k])
				? `Broadcasts not everywhere within 5 s: ${KINDS.map((k) => `${NAME[k]} ${late[k]}`).join(', ')}. `
				: '') +
			(run.failed.length ? `Did not complete: ${run.failed.join('; ')}. ` : '') +
			(misses.length ? `Aims missed: ${misses.join('; ')}.` : 'Every aim met.')
	);
	return { figures, markdown: out.join('\n') };
}
