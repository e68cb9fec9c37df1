import { describe, expect, it } from 'vitest';
import { openVote } from '$lib/components/votes/fixtures';
import { ballotFromForm, specOf } from './form';
import { parseBallot } from './schemas';
import type { Method } from './methods';

const form = (...pairs: [string, string][]) => {
	const f = new FormData();
	for (const [k, v] of pairs) f.append(k, v);
	return f;
};
const read = (method: Method, f: FormData) => {
	const vote = openVote(method);
	return parseBallot(specOf(vote), ballotFromForm(vote, f));
};

describe('a ballot posted by a form without scripts', () => {
	it('reads each method’s fields into the ballot the API takes', () => {
		expect(read('yna', form(['seat', 's1'], ['choice', 'no']))).toEqual({
			ok: true,
			ballot: { choice: 'no' }
		});
		expect(read('single', form(['choice', 'o3']))).toMatchObject({ ballot: { choice: 'o3' } });
		expect(read('multiple', form(['choices', 'o1'], ['choices', 'o4']))).toMatchObject({
			ballot: { choices: ['o1', 'o4'] }
		});
		expect(
			read(
				'score',
				form(['score.o1', '5'], ['score.o2', '0'], ['score.o3', '2'], ['score.o4', '3'])
			)
		).toMatchObject({ ballot: { scores: { o1: 5, o2: 0, o3: 2, o4: 3 } } });
	});

	it('keeps the rank positions in order and skips the ones left blank', () => {
		const f = form(['ranking', 'o3'], ['ranking', ''], ['ranking', 'o1'], ['ranking', '']);
		expect(read('irv', f)).toEqual({ ok: true, ballot: { ranking: ['o3', 'o1'] } });
	});

	it('refuses what the panel would not send: too many choices, a repeated rank, a blank score', () => {
		expect(read('multiple', form(['choices', 'o1'], ['choices', 'o2'], ['choices', 'o3'])).ok).toBe(
			false
		);
		expect(read('borda', form(['ranking', 'o2'], ['ranking', 'o2'])).ok).toBe(false);
		expect(read('score', form(['score.o1', '5'], ['score.o2', '1'], ['score.o3', '2'])).ok).toBe(
			false
		);
		expect(read('single', form()).ok).toBe(false);
	});

	it('reads yes/no/abstain options as the counting core’s answers', () => {
		const spec = specOf(openVote('yna'));
		expect(spec).toMatchObject({
			method: 'yna',
			optionIds: { yes: 'o1', no: 'o2', abstain: 'o3' }
		});
	});
});
