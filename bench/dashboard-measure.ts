/** Timing for the dashboard part: warm-up calls, then timed calls bounded by a time budget. */
export const WARMUP = 5;
export const ITERATIONS = Number(process.env.BENCH_ITERATIONS || 200);
export const SCENARIO_BUDGET_MS = 20_000;

export interface Stats {
	n: number;
	p50: number;
	p95: number;
	max: number;
	/** CPU time used over wall time of the timed calls. */
	cpu: number;
}

/** A table row: scenario, its figures, a note, and the index of the row it is compared with. */
export type Row = [string, Stats, string, number];

const pct = (sorted: number[], p: number) =>
	sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
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
		max: samples.at(-1)!,
		cpu: cpuUs / (wallMs * 1000)
	};
}
