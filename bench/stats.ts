/** Nearest-rank percentiles of samples, as the summary table's Measure. */
import type { Measure } from './part';

/** Nearest-rank percentile of sorted samples. */
export const pct = (sorted: number[], p: number): number =>
	sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;

export function percentiles(samples: number[]): Measure {
	const s = [...samples].sort((a, b) => a - b);
	if (!s.length) return { n: 0 };
	return { p50: pct(s, 50), p95: pct(s, 95), p99: pct(s, 99), n: s.length };
}
