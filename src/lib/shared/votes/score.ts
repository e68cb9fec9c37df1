/**
 * Score voting, 0–5 on every option. The winner has the highest mean; options level on the mean
 * are a tie (the median is shown, not used to break it). Every ballot scores every option, so
 * all means share one denominator and are compared as exact integer sums.
 */
import { decide, leaders, zeroed } from './leaders';
import { SCORE_MAX, SCORE_MIN } from './methods';
import type { MethodOutcome, ScoreBallot, ScoreDetail, ScoreVote } from './methods';

/** The median of a histogram of scores SCORE_MIN..SCORE_MAX; an even count takes the mean of the middle two. */
function medianOf(histogram: number[], n: number): number {
	if (n === 0) return 0;
	const at = (k: number) => {
		let seen = 0;
		for (let s = SCORE_MIN; s <= SCORE_MAX; s++) {
			seen += histogram[s - SCORE_MIN]!;
			if (seen > k) return s;
		}
		return SCORE_MAX;
	};
	return n % 2 === 1 ? at((n - 1) / 2) : (at(n / 2 - 1) + at(n / 2)) / 2;
}

export function countScore(
	vote: ScoreVote,
	ballots: readonly ScoreBallot[]
): MethodOutcome<ScoreDetail> {
	const ids = vote.options.map((o) => o.id);
	const width = SCORE_MAX - SCORE_MIN + 1;
	const totals = new Array<number>(ids.length).fill(0);
	const histogram = new Array<number>(ids.length * width).fill(0);
	for (const b of ballots) {
		for (let i = 0; i < ids.length; i++) {
			const s = b.scores[ids[i]!] ?? SCORE_MIN;
			totals[i]! += s;
			histogram[i * width + s - SCORE_MIN]!++;
		}
	}
	const n = ballots.length;
	const sums = zeroed(ids);
	const means: Record<string, number> = {};
	const medians: Record<string, number> = {};
	ids.forEach((id, i) => {
		sums[id] = totals[i]!;
		means[id] = n === 0 ? 0 : totals[i]! / n;
		medians[id] = medianOf(histogram.slice(i * width, (i + 1) * width), n);
	});
	const detail: ScoreDetail = { method: 'score', sums, means, medians };
	return decide(
		leaders(ids, (id) => sums[id]!),
		n > 0,
		detail
	);
}
