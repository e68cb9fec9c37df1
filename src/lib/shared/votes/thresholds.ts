/**
 * Quorum and thresholds, counted in whole numbers. Shares are integer fractions so "two thirds
 * of 9" is 6, not 5.999…; the comparison follows Chinese legal usage (民法典 第1259条: 以上
 * includes the number itself, 超过 does not), so 过半数 is `more-than` ½ and 三分之二以上 is
 * `at-least` ⅔.
 */
import type { Quorum, QuorumCheck, Share, Threshold, ThresholdCheck, YnaChoice } from './methods';

/** The fewest of `base` that satisfy a share. */
export function requiredFor(share: Share, base: number): number {
	const product = base * share.numerator;
	return share.comparison === 'more-than'
		? Math.floor(product / share.denominator) + 1
		: Math.ceil(product / share.denominator);
}

/** Participation counts every valid ballot, abstentions included: abstaining is taking part. */
export function checkQuorum(
	quorum: Quorum | undefined,
	participation: number,
	eligible: number
): QuorumCheck {
	if (!quorum) return { kind: 'none', required: 0, participation, met: true };
	const required = quorum.kind === 'count' ? quorum.count : requiredFor(quorum, eligible);
	return { kind: quorum.kind, required, participation, met: participation >= required };
}

/** The default for a motion: more yes than no, abstentions left out. */
export const DEFAULT_THRESHOLD: Threshold = { kind: 'simple', abstentionsInBase: false };

function shareOf(t: Threshold): Share {
	switch (t.kind) {
		case 'simple':
		case 'absolute':
			return { numerator: 1, denominator: 2, comparison: 'more-than' };
		case 'two-thirds':
			return { numerator: 2, denominator: 3, comparison: 'at-least' };
		case 'fraction':
			return { numerator: t.numerator, denominator: t.denominator, comparison: t.comparison };
	}
}

function baseOf(t: Threshold, counts: Record<YnaChoice, number>, eligible: number): number {
	if (t.kind === 'absolute' || (t.kind === 'fraction' && t.of === 'eligible')) return eligible;
	return counts.yes + counts.no + (t.abstentionsInBase ? counts.abstain : 0);
}

/**
 * Whether the yes votes pass. A motion never passes on zero yes votes, whatever the share
 * (two thirds of no votes at all would otherwise be met).
 */
export function checkThreshold(
	threshold: Threshold,
	counts: Record<YnaChoice, number>,
	eligible: number
): ThresholdCheck {
	const share = shareOf(threshold);
	const base = baseOf(threshold, counts, eligible);
	const required = Math.max(1, requiredFor(share, base));
	return {
		kind: threshold.kind,
		abstentionsInBase: threshold.abstentionsInBase,
		...share,
		base,
		required,
		met: counts.yes >= required
	};
}
