import { describe, expect, it } from 'vitest';
import type { Threshold, YnaBallot, YnaVote } from './methods';
import { checkQuorum, requiredFor } from './thresholds';
import { countYna } from './yna';

const ballots = (yes: number, no: number, abstain = 0): YnaBallot[] => [
	...Array.from({ length: yes }, () => ({ choice: 'yes' as const })),
	...Array.from({ length: no }, () => ({ choice: 'no' as const })),
	...Array.from({ length: abstain }, () => ({ choice: 'abstain' as const }))
];
const motion = (threshold?: Threshold): YnaVote => ({ method: 'yna', threshold });

describe('shares in whole numbers (民法典 第1259条: 以上 includes the number, 超过 does not)', () => {
	it('needs 6 of 9 for 三分之二以上 and 5 of 9 for 过半数', () => {
		expect(requiredFor({ numerator: 2, denominator: 3, comparison: 'at-least' }, 9)).toBe(6);
		expect(requiredFor({ numerator: 1, denominator: 2, comparison: 'more-than' }, 9)).toBe(5);
		expect(requiredFor({ numerator: 1, denominator: 2, comparison: 'more-than' }, 10)).toBe(6);
	});
});

describe('quorum', () => {
	// 村民委员会组织法 第二十二条: a village assembly needs 过半数 of the villagers aged 18 or
	// over, or the representatives of 三分之二以上 of the households.
	it('takes more than half of 101 villagers as 51, and two thirds of 30 households as 20', () => {
		const half = { kind: 'share', numerator: 1, denominator: 2, comparison: 'more-than' } as const;
		expect(checkQuorum(half, 50, 101)).toEqual({
			kind: 'share',
			required: 51,
			participation: 50,
			met: false
		});
		expect(checkQuorum(half, 51, 101).met).toBe(true);
		const twoThirds = {
			kind: 'share',
			numerator: 2,
			denominator: 3,
			comparison: 'at-least'
		} as const;
		expect(checkQuorum(twoThirds, 20, 30)).toMatchObject({ required: 20, met: true });
	});

	it('counts heads for a number, and is always met when there is none', () => {
		expect(checkQuorum({ kind: 'count', count: 7 }, 6, 15).met).toBe(false);
		expect(checkQuorum(undefined, 0, 15)).toEqual({
			kind: 'none',
			required: 0,
			participation: 0,
			met: true
		});
	});
});

describe('yes / no / abstain', () => {
	it('passes on more yes than no, leaving abstentions out by default', () => {
		const r = countYna(motion(), ballots(4, 3, 5), 15);
		expect(r.detail.threshold).toMatchObject({
			kind: 'simple',
			base: 7,
			required: 4,
			met: true,
			abstentionsInBase: false
		});
		expect(r).toMatchObject({ outcome: 'adopted', winner: 'yes' });
	});

	it('fails the same count when abstentions count toward the base, and says it did', () => {
		// 村民委员会组织法 第二十二条: decisions need 到会人员的过半数, so an abstaining attendee
		// weighs like a no.
		const r = countYna(motion({ kind: 'simple', abstentionsInBase: true }), ballots(4, 3, 5), 15);
		expect(r.detail.threshold).toMatchObject({
			base: 12,
			required: 7,
			met: false,
			abstentionsInBase: true
		});
		expect(r.outcome).toBe('rejected');
	});

	it('is a tie when yes and no are level under the simple majority', () => {
		const r = countYna(
			{ ...motion(), optionIds: { yes: 'o1', no: 'o2', abstain: 'o3' } },
			ballots(5, 5, 1),
			11
		);
		expect(r).toMatchObject({ outcome: 'tie', winner: null, tiedOptions: ['o1', 'o2'] });
	});

	it('needs more than half of all eligible for an absolute majority', () => {
		const absolute: Threshold = { kind: 'absolute', abstentionsInBase: false };
		expect(countYna(motion(absolute), ballots(8, 0), 15).outcome).toBe('adopted');
		expect(countYna(motion(absolute), ballots(7, 0), 15)).toMatchObject({
			outcome: 'rejected',
			detail: { threshold: { base: 15, required: 8 } }
		});
		// Level yes and no short of a qualified majority are "not adopted", not a tie.
		expect(countYna(motion(absolute), ballots(5, 5), 15).outcome).toBe('rejected');
	});

	it('needs at least two thirds of the votes cast', () => {
		const twoThirds: Threshold = { kind: 'two-thirds', abstentionsInBase: false };
		expect(countYna(motion(twoThirds), ballots(6, 3, 2), 20).outcome).toBe('adopted');
		expect(countYna(motion(twoThirds), ballots(5, 3), 20).outcome).toBe('rejected');
		expect(
			countYna(motion({ ...twoThirds, abstentionsInBase: true }), ballots(6, 3, 2), 20).outcome
		).toBe('rejected');
	});

	it('applies a custom fraction of the votes cast or of all eligible', () => {
		const threeFifths: Threshold = {
			kind: 'fraction',
			of: 'eligible',
			numerator: 3,
			denominator: 5,
			comparison: 'at-least',
			abstentionsInBase: false
		};
		expect(countYna(motion(threeFifths), ballots(6, 0), 10).outcome).toBe('adopted');
		expect(countYna(motion(threeFifths), ballots(5, 0), 10).outcome).toBe('rejected');
		const overThreeQuarters: Threshold = {
			...threeFifths,
			of: 'cast',
			numerator: 3,
			denominator: 4,
			comparison: 'more-than'
		};
		expect(countYna(motion(overThreeQuarters), ballots(3, 1), 10).outcome).toBe('rejected');
		expect(countYna(motion(overThreeQuarters), ballots(4, 1), 10).outcome).toBe('adopted');
	});

	it('never adopts on no yes votes at all', () => {
		const r = countYna(
			motion({ kind: 'two-thirds', abstentionsInBase: false }),
			ballots(0, 0, 3),
			5
		);
		expect(r.detail.threshold.required).toBe(1);
		expect(r.outcome).toBe('rejected');
	});
});
