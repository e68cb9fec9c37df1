import { describe, expect, it } from 'vitest';
import { SCHULZE_45, TENNESSEE, TENNESSEE_CITIES, expand, rankedVote } from './examples';
import { countSchulze } from './schulze';

describe('Schulze: the 45-voter example', () => {
	// Wikipedia, "Schulze method", section "Example" (also Schulze's own examples page,
	// electowiki.org/wiki/Schulze_method, Example 1): the pairwise table d[*,*], the strongest
	// paths p[*,*], and the ranking E > A > C > B > D.
	const r = countSchulze(rankedVote('schulze', ['A', 'B', 'C', 'D', 'E']), expand(SCHULZE_45));

	it('builds the published pairwise table', () => {
		expect(r.detail.pairwise).toEqual([
			[0, 20, 26, 30, 22],
			[25, 0, 16, 33, 18],
			[19, 29, 0, 17, 24],
			[15, 12, 28, 0, 14],
			[23, 27, 21, 31, 0]
		]);
	});

	it('finds the published strongest paths', () => {
		expect(r.detail.paths).toEqual([
			[0, 28, 28, 30, 24],
			[25, 0, 28, 33, 24],
			[25, 29, 0, 29, 24],
			[25, 28, 28, 0, 24],
			[25, 28, 28, 31, 0]
		]);
	});

	it('elects E and ranks E > A > C > B > D, with no Condorcet winner', () => {
		expect(r.winner).toBe('E');
		expect(r.detail.winners).toEqual(['E']);
		expect(r.detail.ranking).toEqual([['E'], ['A'], ['C'], ['B'], ['D']]);
		expect(r.detail.condorcetWinner).toBeNull();
	});
});

describe('Schulze: the Tennessee capital example', () => {
	// Wikipedia, "Condorcet method" (Tennessee example): Nashville beats Memphis 58–42,
	// Chattanooga 68–32 and Knoxville 68–32; Chattanooga beats Knoxville 83–17.
	const r = countSchulze(rankedVote('schulze', TENNESSEE_CITIES), expand(TENNESSEE));

	it('finds Nashville as the Condorcet winner and elects it', () => {
		expect(r.detail.pairwise).toEqual([
			[0, 42, 42, 42],
			[58, 0, 68, 68],
			[58, 32, 0, 83],
			[58, 32, 17, 0]
		]);
		expect(r.detail.condorcetWinner).toBe('nashville');
		expect(r.winner).toBe('nashville');
		expect(r.detail.ranking).toEqual([['nashville'], ['chattanooga'], ['knoxville'], ['memphis']]);
	});
});

describe('Schulze: ties and truncated rankings', () => {
	it('names all three options of a perfectly balanced cycle', () => {
		const r = countSchulze(rankedVote('schulze', ['A', 'B', 'C']), [
			{ ranking: ['A', 'B', 'C'] },
			{ ranking: ['B', 'C', 'A'] },
			{ ranking: ['C', 'A', 'B'] }
		]);
		expect(r.detail.paths).toEqual([
			[0, 2, 2],
			[2, 0, 2],
			[2, 2, 0]
		]);
		expect(r).toMatchObject({ outcome: 'tie', winner: null, tiedOptions: ['A', 'B', 'C'] });
	});

	it('puts unranked options below ranked ones and level with each other', () => {
		const r = countSchulze(rankedVote('schulze', ['A', 'B', 'C']), [{ ranking: ['B'] }]);
		expect(r.detail.pairwise).toEqual([
			[0, 0, 0],
			[1, 0, 1],
			[0, 0, 0]
		]);
		expect(r.detail.ranking).toEqual([['B'], ['A', 'C']]);
	});
});
