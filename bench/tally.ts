/**
 * Counting 10,000 ranked ballots over 8 options with each method, through the real `tally`
 * (every ballot checked against its vote's schema, then counted). The ballots come from a seeded
 * generator, so every run counts the same ones: rankings are random orders of the 8 options, 70%
 * complete and 30% cut short after 1–7 options (so runoffs exhaust ballots and Borda shares
 * points). The other methods read the same voters: single choice takes the first preference,
 * multiple choice (up to 3) the first three, score gives 5, 4, 3, … down the ranking (0 for the
 * unranked), yes/no/abstain reads the first preference's position among the options.
 *
 * `npx tsx bench/tally.ts` prints the table; `npm run bench -- tally` also writes it to
 * BENCHMARKS.md. BENCH_BALLOTS (default 10000) and BENCH_ITERATIONS (default 30) shrink a run.
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { tally } from '../src/lib/shared/votes/tally';
import { METHODS, type Method, type VoteSpec } from '../src/lib/shared/votes/methods';
import type { BenchPart, BenchResult, Figure, Measure } from './part';
import { percentiles } from './stats';

const BALLOTS = Number(process.env.BENCH_BALLOTS || 10_000);
const ITERATIONS = Number(process.env.BENCH_ITERATIONS || 30);
const WARMUP = 5;
const OPTIONS = Array.from({ length: 8 }, (_, i) => `option-${i + 1}`);
const AIM_MS = 100;

/** mulberry32: a small seeded generator, so every run counts the same ballots. */
function generator(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

function rankings(count: number, random: () => number): string[][] {
	return Array.from({ length: count }, () => {
		const order = [...OPTIONS];
		for (let i = order.length - 1; i > 0; i--) {
			const j = Math.floor(random() * (i + 1));
			[order[i], order[j]] = [order[j]!, order[i]!];
		}
		return random() < 0.7 ? order : order.slice(0, 1 + Math.floor(random() * 7));
	});
}

function ballotsFor(method: Method, ranked: string[][]): unknown[] {
	switch (method) {
		case 'yna':
			return ranked.map((r) => ({
				choice: (['yes', 'no', 'abstain'] as const)[OPTIONS.indexOf(r[0]!) % 3]
			}));
		case 'single':
			return ranked.map((r) => ({ choice: r[0] }));
		case 'multiple':
			return ranked.map((r) => ({ choices: r.slice(0, 3) }));
		case 'score':
			return ranked.map((r) => ({
				scores: Object.fromEntries(
					OPTIONS.map((id) => [
						id,
						Math.max(0, 5 - Math.max(0, r.indexOf(id)) - (r.includes(id) ? 0 : 5))
					])
				)
			}));
		default:
			return ranked.map((ranking) => ({ ranking }));
	}
}

function voteFor(method: Method): VoteSpec {
	const options = OPTIONS.map((id) => ({ id }));
	if (method === 'yna') return { method };
	if (method === 'multiple') return { method, options, maxChoices: 3 };
	return { method, options };
}

interface Row {
	method: Method;
	times: Measure;
	p50: number;
	max: number;
	cpu50: number;
	outcome: string;
	winner: string | null;
}

function measure(method: Method, ranked: string[][]): Row {
	const ballots = ballotsFor(method, ranked);
	const times: number[] = [];
	const cpu: number[] = [];
	let last = tally(voteFor(method), ballots, ballots.length);
	for (let i = 0; i < WARMUP + ITERATIONS; i++) {
		// A fresh vote object each time, so its ballot schema is built inside the timing as on close.
		const vote = voteFor(method);
		const start = performance.now();
		const cpuStart = process.cpuUsage();
		last = tally(vote, ballots, ballots.length);
		const used = process.cpuUsage(cpuStart);
		if (i >= WARMUP) {
			times.push(performance.now() - start);
			cpu.push((used.user + used.system) / 1000);
		}
	}
	if (last.totals.valid !== ballots.length)
		throw new Error(`${method}: ${last.totals.invalid} ballots refused`);
	times.sort((a, b) => a - b);
	cpu.sort((a, b) => a - b);
	return {
		method,
		times: percentiles(times),
		p50: times[Math.floor((times.length - 1) / 2)]!,
		max: times.at(-1)!,
		cpu50: cpu[Math.floor((cpu.length - 1) / 2)]!,
		outcome: last.outcome,
		winner: last.winner
	};
}

/**
 * The baseline, in the same run: a bare loop that counts first preferences of the same ballots
 * with no schema check and no result object — the least any count must do.
 */
function baseline(ranked: string[][]): { p50: number; times: Measure } {
	const times: number[] = [];
	let sink = 0;
	for (let i = 0; i < WARMUP + ITERATIONS; i++) {
		const start = performance.now();
		const counts = new Map<string, number>();
		for (const r of ranked) counts.set(r[0]!, (counts.get(r[0]!) ?? 0) + 1);
		sink += counts.size;
		if (i >= WARMUP) times.push(performance.now() - start);
	}
	if (sink === 0) throw new Error('baseline counted nothing');
	const all = percentiles(times);
	times.sort((a, b) => a - b);
	return { p50: times[Math.floor((times.length - 1) / 2)]!, times: all };
}

export async function run(): Promise<BenchResult> {
	const ranked = rankings(BALLOTS, generator(20261203));
	const { p50: base, times: baseTimes } = baseline(ranked);
	const rows = METHODS.map((m) => measure(m, ranked));
	const lines = [
		`${BALLOTS.toLocaleString('en')} ballots over ${OPTIONS.length} options, ${ITERATIONS} timed counts per method after ${WARMUP} warm-up counts; aim: each under ${AIM_MS} ms.`,
		'',
		'| method | p50 ms | max ms | CPU p50 ms | × baseline (p50) | outcome | winner | p50 under aim |',
		'| --- | ---: | ---: | ---: | ---: | --- | --- | --- |',
		`| baseline: bare first-preference loop | ${base.toFixed(2)} | | | 1 | | | |`,
		...rows.map(
			(r) =>
				`| ${r.method} | ${r.p50.toFixed(2)} | ${r.max.toFixed(2)} | ${r.cpu50.toFixed(2)} | ${(r.p50 / base).toFixed(0)} | ${r.outcome} | ${r.winner ?? '—'} | ${r.p50 < AIM_MS ? 'yes' : 'no'} |`
		)
	];
	const [one, five] = os.loadavg();
	lines.push(
		'',
		`Wall times include time the process waited for a CPU; the CPU column is the process's own user + system time. Load average at the end (1 / 5 min): ${one!.toFixed(2)} / ${five!.toFixed(2)} on ${os.cpus().length} CPUs.`
	);
	const figures: Figure[] = rows.map((r) => ({
		what: `count ${BALLOTS.toLocaleString('en')} ballots, ${r.method}`,
		unit: 'ms',
		...r.times,
		baseline: { what: 'bare first-preference loop', ...baseTimes },
		aim: `p99 < ${AIM_MS} ms`,
		met: r.times.p99! < AIM_MS
	}));
	return { figures, markdown: lines.join('\n') };
}

export const part: BenchPart = {
	describe:
		'counting 10,000 seeded random ranked ballots over 8 options with each of the seven methods through `tally` (schema check included): wall p50 and max and CPU p50 of 30 counts.',
	run: () => run()
};

if (process.argv[1]?.endsWith('tally.ts')) {
	run().then(
		(r) => console.log(r.markdown),
		(e: unknown) => {
			console.error(e);
			process.exit(1);
		}
	);
}
