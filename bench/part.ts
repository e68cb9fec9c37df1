/** What every benchmark part provides to `npm run bench` (bench/index.ts runs them). */

export interface BenchContext {
	/** The temporary DATA_DIR of this run (deleted afterwards). */
	dataDir: string;
}

export interface BenchPart {
	/** One paragraph for BENCHMARKS.md's introduction: what the part measures. */
	describe: string;
	/** Run the part; returns Markdown (tables, notes) for BENCHMARKS.md. */
	run(ctx: BenchContext): Promise<string>;
}
