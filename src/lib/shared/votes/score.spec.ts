import { describe, expect, it } from 'vitest';
import type { ScoreVote } from './methods';
import { countScore } from './score';

const vote: ScoreVote = { method: 'score', options: ['A', 'B', 'C'].map((id) => ({ id })) };
const ballot = (a: number, b: number, c: number) => ({ scores: { A: a, B: b, C: c } });

describe('score voting (0–5)', () => {
	it('reports the mean and the median of each option and elects the highest mean', () => {
		const r = countScore(vote, [
			ballot(5, 3, 0),
			ballot(0, 4, 1),
			ballot(4, 4, 2),
			ballot(5, 2, 5)
		]);
		expect(r.detail.sums).toEqual({ A: 14, B: 13, C: 8 });
		expect(r.detail.means).toEqual({ A: 3.5, B: 3.25, C: 2 });
		// Even count: the mean of the two middle scores (A: 0 4 5 5 → 4.5; B: 2 3 4 4 → 3.5).
		expect(r.detail.medians).toEqual({ A: 4.5, B: 3.5, C: 1.5 });
		expect(r.winner).toBe('A');
	});

	it('takes the middle score for an odd count', () => {
		const r = countScore(vote, [ballot(1, 0, 5), ballot(2, 0, 5), ballot(5, 0, 0)]);
		expect(r.detail.medians).toEqual({ A: 2, B: 0, C: 5 });
	});

	it('is a tie when the best means are level, whatever the medians', () => {
		const r = countScore(vote, [ballot(5, 3, 0), ballot(1, 3, 0), ballot(0, 0, 0)]);
		expect(r.detail.means).toEqual({ A: 2, B: 2, C: 0 });
		expect(r.detail.medians.A).not.toBe(r.detail.medians.B);
		expect(r).toMatchObject({ outcome: 'tie', winner: null, tiedOptions: ['A', 'B'] });
	});
});
