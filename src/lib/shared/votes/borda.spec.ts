import { describe, expect, it } from 'vitest';
import { countBorda } from './borda';
import { TENNESSEE, TENNESSEE_CITIES, expand, rankedVote } from './examples';

describe('Borda count: published examples', () => {
	it('gives the Tennessee capital to Nashville with 194 points', () => {
		// Wikipedia, "Borda count" (Tennessee example), n − 1 … 0 points: Memphis 126,
		// Nashville 194, Chattanooga 173, Knoxville 107.
		const r = countBorda(rankedVote('borda', TENNESSEE_CITIES), expand(TENNESSEE));
		expect(r.detail.points).toEqual({
			memphis: 126,
			nashville: 194,
			chattanooga: 173,
			knoxville: 107
		});
		expect(r.winner).toBe('nashville');
		expect(r.detail.maxPoints).toBe(300);
	});

	it('elects Rita in the Smallville mayoral example', () => {
		// University of Alabama, Math 103, "The Borda Count Method" (ctl.ua.edu/math103/voting/borda.htm):
		// 500 voters, 130 PRST, 120 TRSP, 100 TRPS, 150 SRPT, scored there 4-3-2-1 with the
		// totals left as an exercise. Worked by hand on that scale: P 1140, R 1500, S 1200,
		// T 1160; our 3-2-1-0 points are one per ballot (500) lower, in the same order.
		const r = countBorda(
			rankedVote('borda', ['P', 'R', 'S', 'T']),
			expand([
				[130, ['P', 'R', 'S', 'T']],
				[120, ['T', 'R', 'S', 'P']],
				[100, ['T', 'R', 'P', 'S']],
				[150, ['S', 'R', 'P', 'T']]
			])
		);
		expect(r.detail.points).toEqual({ P: 1140 - 500, R: 1500 - 500, S: 1200 - 500, T: 1160 - 500 });
		expect(r.winner).toBe('R');
	});
});

describe('Borda count: truncated rankings', () => {
	// The "average of leftover points" treatment (election-methods list, 2004-09-24,
	// lists.electorama.com: with A B ranked of four, "C and D each get 1.5 points" on a
	// 4-3-2-1 scale), here on the 3-2-1-0 scale.
	const vote = rankedVote('borda', ['A', 'B', 'C', 'D']);

	it('shares the points left among the unranked options', () => {
		expect(countBorda(vote, [{ ranking: ['A', 'B'] }]).detail.points).toEqual({
			A: 3,
			B: 2,
			C: 0.5,
			D: 0.5
		});
		expect(countBorda(vote, [{ ranking: ['A'] }]).detail.points).toEqual({
			A: 3,
			B: 1,
			C: 1,
			D: 1
		});
		expect(countBorda(vote, [{ ranking: ['A', 'B', 'C'] }]).detail.points).toEqual({
			A: 3,
			B: 2,
			C: 1,
			D: 0
		});
	});

	it('gives out the same points for a bullet vote as for a full ranking', () => {
		const total = (ranking: string[]) =>
			Object.values(countBorda(vote, [{ ranking }]).detail.points).reduce((a, b) => a + b, 0);
		expect(total(['A'])).toBe(6);
		expect(total(['D', 'C', 'B', 'A'])).toBe(6);
	});
});

describe('Borda count: ties', () => {
	it('names both options when the top points are level', () => {
		const r = countBorda(rankedVote('borda', ['A', 'B', 'C']), [
			{ ranking: ['A', 'B', 'C'] },
			{ ranking: ['B', 'A', 'C'] }
		]);
		expect(r.detail.points).toEqual({ A: 3, B: 3, C: 0 });
		expect(r).toMatchObject({ outcome: 'tie', winner: null, tiedOptions: ['A', 'B'] });
	});
});
