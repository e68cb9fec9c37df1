/**
 * Borda count, the n − 1 … 0 variant: with n options the first choice gets n − 1 points, the
 * next n − 2, down to 0 for the last. A ranking may stop early (truncated); the options it leaves
 * out share the points left equally (the "averaged" treatment of truncated ballots), so each
 * unranked option gets (m − 1) / 2 when m are unranked. Every ballot then gives out exactly
 * n(n − 1)/2 points however much of it is filled in, and leaving options out neither helps nor
 * hurts the voter's favourite (no gain from bullet voting). Points may end in .5; halves are exact
 * in floating point, so sums stay exact.
 */
import { decide, leaders, zeroed } from './leaders';
import type { BordaDetail, MethodOutcome, RankedBallot, RankedVote } from './methods';

export function countBorda(
	vote: RankedVote,
	ballots: readonly RankedBallot[]
): MethodOutcome<BordaDetail> {
	const ids = vote.options.map((o) => o.id);
	const n = ids.length;
	const index = new Map(ids.map((id, i) => [id, i]));
	const total = new Array<number>(n).fill(0);
	// Points shared by unranked options, per option; `ranked` marks a ballot's options by stamp.
	const ranked = new Array<number>(n).fill(-1);
	ballots.forEach((b, stamp) => {
		const r = b.ranking;
		for (let pos = 0; pos < r.length; pos++) {
			const i = index.get(r[pos]!)!;
			total[i]! += n - 1 - pos;
			ranked[i] = stamp;
		}
		const m = n - r.length;
		if (m > 1) for (let i = 0; i < n; i++) if (ranked[i] !== stamp) total[i]! += (m - 1) / 2;
	});
	const points = zeroed(ids);
	ids.forEach((id, i) => (points[id] = total[i]!));
	const detail: BordaDetail = { method: 'borda', points, maxPoints: (n - 1) * ballots.length };
	return decide(
		leaders(ids, (id) => points[id]!),
		ballots.length > 0,
		detail
	);
}
