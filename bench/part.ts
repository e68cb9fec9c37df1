/**
 * What every benchmark part provides to `npm run bench` (bench/index.ts runs them).
 *
 * A part returns its figures as data (for the one summary table and the JSON file) and its
 * details as Markdown (method, extra tables, why an aim was missed) for BENCHMARKS.md.
 */

export interface BenchContext {
	/** The temporary DATA_DIR of this part (deleted afterwards). */
	dataDir: string;
	/** The production build the part's server runs (`build/`, made fresh when stale). */
	buildDir: string;
}

/** Nearest-rank percentiles of a latency, or one measured value (memory, a count, a time). */
export interface Measure {
	p50?: number;
	p95?: number;
	p99?: number;
	/** For figures that are one number (KiB per participant, ms to start, …). */
	value?: number;
	/** How many samples the percentiles come from. */
	n?: number;
}

/** One line of the summary table. */
export interface Figure extends Measure {
	/** What was measured, in a few words ("hall fan-out, 2,000 participants"). */
	what: string;
	/** Unit of every number of this figure and its baseline: 'ms', 'KiB', 's', 'count', … */
	unit: string;
	/** Measured in the same run, on the same machine: what the figure is compared with. */
	baseline?: Measure & { what: string };
	/**
	 * Figure ÷ baseline at p99 (or value) — computed by bench/index.ts when both are present;
	 * a part may set it itself when another percentile is the one that matters (say which in
	 * `aim`).
	 */
	ratio?: number;
	/** The aim in words ("p99 ≤ 1.5× bare ws", "< 20 KiB"); absent when there is none. */
	aim?: string;
	/** Whether the aim was met; absent when there is no aim. */
	met?: boolean;
}

export interface BenchResult {
	figures: Figure[];
	/** Method, extra tables and notes (why an aim was missed) for BENCHMARKS.md. */
	markdown: string;
}

export interface BenchPart {
	/** One paragraph for BENCHMARKS.md's introduction: what the part measures. */
	describe: string;
	run(ctx: BenchContext): Promise<BenchResult>;
}
