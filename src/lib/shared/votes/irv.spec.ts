import { describe, expect, it } from 'vitest';
import { countIrv } from './irv';
import { TENNESSEE, TENNESSEE_CITIES, expand, rankedVote, type Profile } from './examples';

const count = (ids: string[], profile: Profile) =>
	countIrv(rankedVote('irv', ids), expand(profile));

describe('instant runoff: the Tennessee capital example', () => {
	// Wikipedia, "Instant-runoff voting" (Tennessee example): Chattanooga (15%) goes first and
	// its votes pass to Knoxville; then Nashville (26%) goes and its votes pass, through the
	// excluded Chattanooga, to Knoxville, which wins with 58%.
	const r = count(TENNESSEE_CITIES, TENNESSEE);

	it('elects Knoxville in the third round with 58 of 100', () => {
		expect(r.outcome).toBe('adopted');
		expect(r.winner).toBe('knoxville');
		expect(r.detail.rounds.map((x) => x.counts)).toEqual([
			{ memphis: 42, nashville: 26, chattanooga: 15, knoxville: 17 },
			{ memphis: 42, nashville: 26, knoxville: 32 },
			{ memphis: 42, knoxville: 58 }
		]);
		expect(r.detail.rounds.map((x) => x.excluded)).toEqual([['chattanooga'], ['nashville'], []]);
		expect(r.detail.rounds.every((x) => x.exhausted === 0 && x.majority === 51)).toBe(true);
	});
});

describe('instant runoff: a published five-preference example', () => {
	// pierzgal.github.io/introelectoralsystems/instant-runoff-method-3.html: 4 ABCD, 2 BACD,
	// 1 BCAD, 2 DCAB, 5 CBAD; D is dropped, then B, with 8 needed for a majority of 14.
	const r = count(
		['A', 'B', 'C', 'D'],
		[
			[4, ['A', 'B', 'C', 'D']],
			[2, ['B', 'A', 'C', 'D']],
			[1, ['B', 'C', 'A', 'D']],
			[2, ['D', 'C', 'A', 'B']],
			[5, ['C', 'B', 'A', 'D']]
		]
	);

	it('drops D then B and elects C with 8 of 14', () => {
		expect(r.detail.rounds.map((x) => x.counts)).toEqual([
			{ A: 4, B: 3, C: 5, D: 2 },
			{ A: 4, B: 3, C: 7 },
			{ A: 6, C: 8 }
		]);
		expect(r.detail.rounds[0]!.majority).toBe(8);
		expect(r.winner).toBe('C');
	});
});

describe('instant runoff: exhausted ballots', () => {
	// The Tennessee example with Chattanooga's 15 voters ranking Chattanooga only (our
	// variant, counted by hand): their ballots are exhausted once Chattanooga is out, the
	// majority is taken of the 85 continuing ballots, and Nashville now wins 43 to 42.
	const truncated: Profile = TENNESSEE.map(([n, r]) => [n, r[0] === 'chattanooga' ? [r[0]] : r]);
	const r = count(TENNESSEE_CITIES, truncated);

	it('counts exhausted ballots per round and takes the majority of those continuing', () => {
		expect(r.detail.rounds.map((x) => [x.continuing, x.exhausted, x.majority])).toEqual([
			[100, 0, 51],
			[85, 15, 43],
			[85, 15, 43]
		]);
		expect(r.detail.rounds[2]!.counts).toEqual({ memphis: 42, nashville: 43 });
		expect(r.winner).toBe('nashville');
	});
});

describe('instant runoff: ties', () => {
	it('excludes options level on the fewest votes together when they add up to fewer than the next', () => {
		const r = count(
			['A', 'B', 'C', 'D'],
			[
				[4, ['A']],
				[3, ['B']],
				[1, ['C', 'B']],
				[1, ['D', 'B']]
			]
		);
		expect(r.detail.rounds[0]).toMatchObject({ excluded: ['C', 'D'], exclusionRule: 'together' });
		expect(r.detail.rounds[1]!.counts).toEqual({ A: 4, B: 5 });
		expect(r.winner).toBe('B');
	});

	it('breaks a tie for exclusion by the latest earlier round in which the votes differed', () => {
		const r = count(
			['A', 'B', 'C', 'D'],
			[
				[5, ['A']],
				[4, ['B']],
				[3, ['C', 'A']],
				[1, ['D', 'C']]
			]
		);
		expect(r.detail.rounds[1]).toMatchObject({
			counts: { A: 5, B: 4, C: 4 },
			excluded: ['C'],
			exclusionRule: 'earlier-round',
			decidedByRound: 1
		});
		expect(r.detail.rounds[2]).toMatchObject({ counts: { A: 8, B: 4 }, exhausted: 1 });
		expect(r.winner).toBe('A');
	});

	it('says so when a tie for exclusion was level in every round', () => {
		const r = count(
			['A', 'B', 'C'],
			[
				[4, ['A']],
				[2, ['B', 'A']],
				[2, ['C', 'B']]
			]
		);
		expect(r.outcome).toBe('tie');
		expect(r.winner).toBeNull();
		expect(r.tiedOptions).toEqual(['B', 'C']);
		expect(r.detail.unresolved).toEqual({ kind: 'exclusion', round: 1, options: ['B', 'C'] });
	});

	it('calls a tie for first when every option left has the same votes', () => {
		const r = count(
			['A', 'B', 'C'],
			[
				[2, ['A', 'B']],
				[2, ['B', 'A']],
				[1, ['C']]
			]
		);
		expect(r.detail.rounds.at(-1)).toMatchObject({ counts: { A: 2, B: 2 }, exhausted: 1 });
		expect(r.outcome).toBe('tie');
		expect(r.tiedOptions).toEqual(['A', 'B']);
		expect(r.detail.unresolved?.kind).toBe('first');
	});

	it('adopts nothing when no ballot was cast', () => {
		expect(count(['A', 'B'], [])).toMatchObject({ outcome: 'rejected', winner: null });
	});
});
