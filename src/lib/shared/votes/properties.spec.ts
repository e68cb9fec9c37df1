/** Properties every count must keep, on random ballots (fast-check). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countIrv } from './irv';
import { METHODS, type Method, type RankedBallot, type VoteSpec } from './methods';
import { countMultiple, countSingle } from './plurality';
import { countSchulze } from './schulze';
import { tally } from './tally';

const idsOf = (n: number) => Array.from({ length: n }, (_, i) => `o${i}`);

function voteFor(method: Method, ids: string[], maxChoices: number): VoteSpec {
	const options = ids.map((id) => ({ id }));
	if (method === 'yna') return { method };
	if (method === 'multiple')
		return { method, options, maxChoices: Math.min(maxChoices, ids.length) };
	return { method, options };
}

function ballotFor(vote: VoteSpec, ids: string[]): fc.Arbitrary<unknown> {
	switch (vote.method) {
		case 'yna':
			return fc.constantFrom('yes', 'no', 'abstain').map((choice) => ({ choice }));
		case 'single':
			return fc.constantFrom(...ids).map((choice) => ({ choice }));
		case 'multiple':
			return fc
				.shuffledSubarray(ids, { minLength: 1, maxLength: vote.maxChoices ?? ids.length })
				.map((choices) => ({ choices }));
		case 'score':
			return fc
				.tuple(...ids.map(() => fc.integer({ min: 0, max: 5 })))
				.map((s) => ({ scores: Object.fromEntries(ids.map((id, i) => [id, s[i]!])) }));
		default:
			return fc.shuffledSubarray(ids, { minLength: 1 }).map((ranking) => ({ ranking }));
	}
}

/** A vote of any method with 2–6 options, its ballots, and a reordering of them. */
const election = fc
	.record({
		method: fc.constantFrom(...METHODS),
		n: fc.integer({ min: 2, max: 6 }),
		k: fc.integer({ min: 1, max: 6 })
	})
	.chain(({ method, n, k }) => {
		const ids = idsOf(n);
		const vote = voteFor(method, ids, k);
		return fc.record({
			vote: fc.constant(vote),
			ids: fc.constant(ids),
			ballots: fc.array(ballotFor(vote, ids), { maxLength: 40 }),
			seed: fc.array(fc.nat(), { minLength: 40, maxLength: 40 })
		});
	});

function reorder<T>(xs: readonly T[], seed: number[]): T[] {
	const out = [...xs];
	for (let i = out.length - 1; i > 0; i--) {
		const j = seed[i % seed.length]! % (i + 1);
		[out[i], out[j]] = [out[j]!, out[i]!];
	}
	return out;
}

const rankings = (n: number) =>
	fc.array(
		fc.shuffledSubarray(idsOf(n), { minLength: 1 }).map((ranking): RankedBallot => ({ ranking })),
		{ minLength: 1, maxLength: 40 }
	);

describe('properties of every count', () => {
	it('does not depend on the order of the ballots', () => {
		fc.assert(
			fc.property(election, ({ vote, ballots, seed }) => {
				expect(tally(vote, reorder(ballots, seed), 50)).toEqual(tally(vote, ballots, 50));
			}),
			{ numRuns: 400 }
		);
	});

	it('adds up: every ballot is counted once, in every round', () => {
		fc.assert(
			fc.property(election, ({ vote, ids, ballots }) => {
				const r = tally(vote, ballots, 50);
				const cast = r.totals.valid;
				expect(r.totals.valid + r.totals.invalid).toBe(ballots.length);
				const sum = (xs: Record<string, number>) => Object.values(xs).reduce((a, b) => a + b, 0);
				const d = r.detail;
				switch (d.method) {
					case 'yna':
						expect(sum(d.counts)).toBe(cast);
						expect(d.counts.abstain).toBe(r.totals.abstentions);
						break;
					case 'single':
						expect(sum(d.counts)).toBe(cast);
						break;
					case 'multiple':
						expect(sum(d.counts)).toBe(d.marks);
						expect(d.marks).toBeLessThanOrEqual(cast * d.maxChoices);
						break;
					case 'irv':
						d.rounds.forEach((round, i) => {
							expect(sum(round.counts) + round.exhausted).toBe(cast);
							expect(round.continuing).toBe(cast - round.exhausted);
							if (i > 0) expect(round.exhausted).toBeGreaterThanOrEqual(d.rounds[i - 1]!.exhausted);
						});
						break;
					case 'borda':
						expect(sum(d.points)).toBe((cast * ids.length * (ids.length - 1)) / 2);
						break;
					case 'schulze':
						d.pairwise.forEach((row, i) =>
							row.forEach((dij, j) => expect(dij + d.pairwise[j]![i]!).toBeLessThanOrEqual(cast))
						);
						break;
					case 'score':
						expect(Object.values(d.medians).every((m) => m >= 0 && m <= 5)).toBe(true);
						break;
				}
			}),
			{ numRuns: 400 }
		);
	});

	it('never throws on malformed ballots, and leaves them out', () => {
		fc.assert(
			fc.property(
				election,
				fc.array(fc.anything(), { maxLength: 10 }),
				({ vote, ballots }, junk) => {
					const clean = tally(vote, ballots, 50);
					const mixed = tally(vote, [...ballots, ...junk], 50);
					expect(mixed.totals.valid).toBeGreaterThanOrEqual(clean.totals.valid);
					expect(mixed.totals.cast).toBe(ballots.length + junk.length);
				}
			),
			{ numRuns: 200 }
		);
	});
});

describe('properties of particular methods', () => {
	it('plurality: one more ballot for the winner never makes them lose', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 2, max: 6 }),
				fc.array(fc.nat(), { minLength: 1, maxLength: 60 }),
				(n, picks) => {
					const vote = { method: 'single' as const, options: idsOf(n).map((id) => ({ id })) };
					const ballots = picks.map((p) => ({ choice: `o${p % n}` }));
					const before = countSingle(vote, ballots);
					fc.pre(before.winner !== null);
					const after = countSingle(vote, [...ballots, { choice: before.winner! }]);
					expect(after.winner).toBe(before.winner);
				}
			),
			{ numRuns: 300 }
		);
	});

	it('multiple choice: one more ballot marking the winner never makes them lose', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 2, max: 6 }).chain((n) =>
					fc.tuple(
						fc.constant(n),
						fc.array(fc.shuffledSubarray(idsOf(n), { minLength: 1, maxLength: 2 }), {
							minLength: 1
						})
					)
				),
				fc.nat(),
				([n, marks], extra) => {
					const ids = idsOf(n);
					const vote = {
						method: 'multiple' as const,
						options: ids.map((id) => ({ id })),
						maxChoices: 2
					};
					const ballots = marks.map((choices) => ({ choices }));
					const before = countMultiple(vote, ballots);
					fc.pre(before.winner !== null);
					const other = ids.filter((id) => id !== before.winner)[extra % (n - 1)]!;
					const after = countMultiple(vote, [...ballots, { choices: [before.winner!, other] }]);
					expect(after.winner).toBe(before.winner);
				}
			),
			{ numRuns: 300 }
		);
	});

	it('Schulze: a Condorcet winner, when there is one, wins', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 2, max: 5 }).chain((n) => fc.tuple(fc.constant(n), rankings(n))),
				([n, ballots]) => {
					const ids = idsOf(n);
					// Head to head, counted here without the module under test.
					const prefers = (x: string, y: string) =>
						ballots.filter((b) => {
							const ix = b.ranking.indexOf(x);
							const iy = b.ranking.indexOf(y);
							return ix >= 0 && (iy < 0 || ix < iy);
						}).length;
					const condorcet = ids.find((x) =>
						ids.every((y) => x === y || prefers(x, y) > prefers(y, x))
					);
					const r = countSchulze(
						{ method: 'schulze', options: ids.map((id) => ({ id })) },
						ballots
					);
					expect(r.detail.winners.length).toBeGreaterThan(0);
					if (condorcet) {
						expect(r.winner).toBe(condorcet);
						expect(r.detail.condorcetWinner).toBe(condorcet);
					}
				}
			),
			{ numRuns: 500 }
		);
	});

	it('instant runoff: the winner has a majority of the continuing ballots in the final round', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 2, max: 6 }).chain((n) => fc.tuple(fc.constant(n), rankings(n))),
				([n, ballots]) => {
					const r = countIrv({ method: 'irv', options: idsOf(n).map((id) => ({ id })) }, ballots);
					const last = r.detail.rounds.at(-1)!;
					if (r.outcome === 'adopted') {
						expect(2 * last.counts[r.winner!]!).toBeGreaterThan(last.continuing);
					} else {
						expect(r.outcome).toBe('tie');
						expect(r.tiedOptions.length).toBeGreaterThan(1);
					}
				}
			),
			{ numRuns: 500 }
		);
	});
});
