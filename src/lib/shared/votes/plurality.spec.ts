import { describe, expect, it } from 'vitest';
import { TENNESSEE, TENNESSEE_CITIES } from './examples';
import type { MultipleVote, SingleVote } from './methods';
import { countMultiple, countSingle } from './plurality';

const single = (ids: string[]): SingleVote => ({
	method: 'single',
	options: ids.map((id) => ({ id }))
});

describe('single choice', () => {
	it('gives the Tennessee capital to Memphis on first preferences alone', () => {
		// Wikipedia, "Plurality voting" / "Effects of different voting systems under similar
		// circumstances" (Tennessee example): Memphis 42, Nashville 26, Knoxville 17, Chattanooga 15.
		const ballots = TENNESSEE.flatMap(([n, r]) =>
			Array.from({ length: n }, () => ({ choice: r[0]! }))
		);
		const r = countSingle(single(TENNESSEE_CITIES), ballots);
		expect(r.detail.counts).toEqual({ memphis: 42, nashville: 26, chattanooga: 15, knoxville: 17 });
		expect(r.detail.marks).toBe(100);
		expect(r.winner).toBe('memphis');
	});

	it('names the options sharing the most votes as a tie', () => {
		const r = countSingle(single(['A', 'B', 'C']), [
			{ choice: 'B' },
			{ choice: 'A' },
			{ choice: 'C' },
			{ choice: 'A' },
			{ choice: 'B' }
		]);
		expect(r).toMatchObject({ outcome: 'tie', winner: null, tiedOptions: ['A', 'B'] });
	});

	it('adopts nothing without ballots', () => {
		expect(countSingle(single(['A', 'B']), [])).toMatchObject({
			outcome: 'rejected',
			winner: null,
			tiedOptions: []
		});
	});
});

describe('multiple choice (up to k)', () => {
	const vote: MultipleVote = {
		method: 'multiple',
		options: ['A', 'B', 'C', 'D'].map((id) => ({ id })),
		maxChoices: 2
	};

	it('counts each marked option once per ballot and reports the marks', () => {
		const r = countMultiple(vote, [
			{ choices: ['A', 'B'] },
			{ choices: ['B'] },
			{ choices: ['B', 'C'] },
			{ choices: ['D', 'A'] }
		]);
		expect(r.detail).toEqual({
			method: 'multiple',
			counts: { A: 2, B: 3, C: 1, D: 1 },
			marks: 7,
			maxChoices: 2
		});
		expect(r.winner).toBe('B');
	});

	it('is a tie when two options share the most marks', () => {
		const r = countMultiple(vote, [
			{ choices: ['A', 'B'] },
			{ choices: ['B', 'A'] },
			{ choices: ['C'] }
		]);
		expect(r).toMatchObject({ outcome: 'tie', tiedOptions: ['A', 'B'] });
	});
});
