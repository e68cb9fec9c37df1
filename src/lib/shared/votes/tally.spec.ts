import { describe, expect, it } from 'vitest';
import { TENNESSEE, TENNESSEE_CITIES, expand, rankedVote } from './examples';
import type { VoteSpec } from './methods';
import { parseBallot, voteSpecSchema } from './schemas';
import { tally } from './tally';

describe('tally: one entry point for every method', () => {
	const ballots = expand(TENNESSEE);

	it('gives each method its published Tennessee winner', () => {
		// Wikipedia, "Effects of different voting systems under similar circumstances":
		// instant runoff elects Knoxville; Borda and Condorcet methods elect Nashville.
		expect(tally(rankedVote('irv', TENNESSEE_CITIES), ballots, 100).winner).toBe('knoxville');
		expect(tally(rankedVote('borda', TENNESSEE_CITIES), ballots, 100).winner).toBe('nashville');
		expect(tally(rankedVote('schulze', TENNESSEE_CITIES), ballots, 100).winner).toBe('nashville');
	});

	it('reports an inquorate vote with its figures but no winner', () => {
		const vote: VoteSpec = {
			...rankedVote('borda', TENNESSEE_CITIES),
			quorum: { kind: 'count', count: 101 }
		};
		const r = tally(vote, ballots, 120);
		expect(r).toMatchObject({ outcome: 'inquorate', winner: null, tiedOptions: [] });
		expect(r.quorum).toEqual({ kind: 'count', required: 101, participation: 100, met: false });
		expect(r.detail.method === 'borda' && r.detail.points.nashville).toBe(194);
	});

	it('leaves malformed ballots out and counts them as invalid', () => {
		const vote: VoteSpec = { method: 'yna', quorum: { kind: 'count', count: 3 } };
		const r = tally(
			vote,
			[
				{ choice: 'yes' },
				{ choice: 'no' },
				{ choice: 'maybe' },
				null,
				'yes',
				{ choice: 'abstain' }
			],
			10
		);
		expect(r.totals).toEqual({ eligible: 10, cast: 6, valid: 3, invalid: 3, abstentions: 1 });
		expect(r.quorum.met).toBe(true);
		expect(r.outcome).toBe('tie');
	});
});

describe('ballots are checked against their vote', () => {
	const options = ['a', 'b', 'c'].map((id) => ({ id }));

	it('refuses unknown options, repeats, too many choices and out-of-range scores with a value', () => {
		const refused = (vote: VoteSpec, input: unknown) => {
			const r = parseBallot(vote, input);
			return r.ok ? [] : r.issues.map((i) => i.message);
		};
		expect(refused({ method: 'single', options }, { choice: 'z' })).toEqual([
			'err.ballot.unknownOption'
		]);
		expect(refused({ method: 'irv', options }, { ranking: ['a', 'a'] })).toEqual([
			'err.ballot.duplicate'
		]);
		expect(refused({ method: 'irv', options }, { ranking: [] })).toEqual(['err.ballot.empty']);
		expect(
			refused({ method: 'multiple', options, maxChoices: 2 }, { choices: ['a', 'b', 'c'] })
		).toEqual(['err.ballot.tooMany']);
		expect(refused({ method: 'score', options }, { scores: { a: 6, b: 0, c: 1 } })).toEqual([
			'err.ballot.score'
		]);
		expect(refused({ method: 'score', options }, { scores: { a: 1, b: 0 } })).toHaveLength(1);
		expect(refused({ method: 'yna' }, { choice: 'yes', extra: 1 })).toHaveLength(1);
	});

	it('accepts a well-formed ballot as it is', () => {
		expect(parseBallot({ method: 'borda', options }, { ranking: ['c', 'a'] })).toEqual({
			ok: true,
			ballot: { ranking: ['c', 'a'] }
		});
	});

	it('checks the vote itself: two options at least, distinct ids, k within the options', () => {
		expect(voteSpecSchema.safeParse({ method: 'single', options: [{ id: 'a' }] }).success).toBe(
			false
		);
		expect(
			voteSpecSchema.safeParse({ method: 'single', options: [{ id: 'a' }, { id: 'a' }] }).success
		).toBe(false);
		expect(voteSpecSchema.safeParse({ method: 'multiple', options, maxChoices: 4 }).success).toBe(
			false
		);
		expect(
			voteSpecSchema.parse({
				method: 'yna',
				threshold: { kind: 'fraction', of: 'cast', numerator: 3, denominator: 5 }
			})
		).toEqual({
			method: 'yna',
			threshold: {
				kind: 'fraction',
				of: 'cast',
				numerator: 3,
				denominator: 5,
				comparison: 'more-than',
				abstentionsInBase: false
			}
		});
	});
});
