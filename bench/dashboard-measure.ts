/** Timing for the dashboard part: warm-up calls, then timed calls bounded by a time budget. */
import type { Figure } from './part';
import { pct } from './stats';

export const WARMUP = 5;
export const ITERATIONS = Number(process.env.BENCH_ITERATIONS || 200);
export const SCENARIO_BUDGET_MS = 20_000;

export interface Stats {
	n: number;
	p50: number;
	p95: number;
	p99: number;
	max: number;
	/** CPU time used over wall time of the timed calls. */
	cpu: number;
}

/** A table row: scenario, its figures, a note, and the index of the row it is compared with. */
export type Row = [string, Stats, string, number];

export const ms = (x: number) => (x < 10 ? x.toFixed(2) : x.toFixed(1));

/** Times `fn`; `before` runs ahead of each call, untimed (a write that makes the call work). */
export function measure(fn: () => unknown, before?: () => unknown): Stats {
	for (let i = 0; i < WARMUP; i++) {
		before?.();
		fn();
	}
	const samples: number[] = [];
	const deadline = performance.now() + SCENARIO_BUDGET_MS;
	let cpuUs = 0;
	let wallMs = 0;
	for (let i = 0; i < ITERATIONS && performance.now() < deadline; i++) {
		before?.();
		const cpu0 = process.cpuUsage();
		const t = process.hrtime.bigint();
		fn();
		const took = Number(process.hrtime.bigint() - t) / 1e6;
		const used = process.cpuUsage(cpu0);
		cpuUs += used.user + used.system;
		wallMs += took;
		samples.push(took);
	}
	samples.sort((a, b) => a - b);
	return {
		n: samples.length,
		p50: pct(samples, 50),
		p95: pct(samples, 95),
		p99: pct(samples, 99),
		max: samples.at(-1)!,
		cpu: cpuUs / (wallMs * 1000)
	};
}

/** A row of the part's table as a line of the summary, against the row it is compared with. */
export function figureOf(rows: Row[], i: number, what: string, aimP95Ms?: number): Figure {
	const [, st, , b] = rows[i]!;
	const [baseName, base] = rows[b]!;
	const m = (x: Stats) => ({ p50: x.p50, p95: x.p95, p99: x.p99, n: x.n });
	return {
		what,
		unit: 'ms',
		...m(st),
		baseline: { what: baseName.replace(/^baseline: /, ''), ...m(base) },
		...(aimP95Ms === undefined ? {} : { aim: `p95 < ${aimP95Ms} ms`, met: st.p95 < aimP95Ms })
	};
}
