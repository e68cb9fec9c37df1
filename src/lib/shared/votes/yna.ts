/** 赞成/反对/弃权: counts, the threshold, and an explicit tie when yes and no are level. */
import type { MethodOutcome, YnaBallot, YnaChoice, YnaDetail, YnaVote } from './methods';
import { DEFAULT_THRESHOLD, checkThreshold } from './thresholds';

export function countYna(
	vote: YnaVote,
	ballots: readonly YnaBallot[],
	eligible: number
): MethodOutcome<YnaDetail> {
	const counts: Record<YnaChoice, number> = { yes: 0, no: 0, abstain: 0 };
	for (const b of ballots) counts[b.choice]++;
	const threshold = checkThreshold(vote.threshold ?? DEFAULT_THRESHOLD, counts, eligible);
	const detail: YnaDetail = { method: 'yna', counts, threshold };
	const id = (c: YnaChoice) => vote.optionIds?.[c] ?? c;
	if (threshold.met) return { outcome: 'adopted', winner: id('yes'), tiedOptions: [], detail };
	// Only "more yes than no" is a contest between yes and no; under a qualified majority an
	// even split is simply short of the threshold.
	if (threshold.kind === 'simple' && counts.yes === counts.no && counts.yes > 0) {
		return { outcome: 'tie', winner: null, tiedOptions: [id('yes'), id('no')], detail };
	}
	return { outcome: 'rejected', winner: null, tiedOptions: [], detail };
}
