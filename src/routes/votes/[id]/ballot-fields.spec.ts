import { describe, expect, it } from 'vitest';
import { parseBallot } from '$lib/shared/votes';
import { ballotFromForm, specOf } from '$lib/shared/votes/form';
import type { VoteView } from '$lib/shared/votes/view';
import type { Ballot } from '$lib/shared/votes';
import { ballotFields } from './ballot-fields';

const options = ['a', 'b', 'c'].map((id) => ({ id, label: id.toUpperCase() }));
const vote = (method: VoteView['method']) =>
	({
		method,
		options: method === 'yna' ? ['yes', 'no', 'abstain'].map((id) => ({ id, label: id })) : options,
		maxChoices: method === 'multiple' ? 2 : null,
		quorum: null,
		threshold: null
	}) as unknown as VoteView;

describe('a scripted cast posts what the form posts', () => {
	it.each([
		['yna', { choice: 'no' }],
		['single', { choice: 'b' }],
		['multiple', { choices: ['c', 'a'] }],
		['irv', { ranking: ['c', 'a', 'b'] }],
		['schulze', { ranking: ['b'] }],
		['score', { scores: { a: 0, b: 5, c: 3 } }]
	] as [VoteView['method'], Ballot][])(
		'%s: the fields read back into the same ballot, for the seat given',
		(method, ballot) => {
			const v = vote(method);
			const form = ballotFields('u:someone', ballot);
			expect(form.get('seat')).toBe('u:someone');
			const back = parseBallot(specOf(v), ballotFromForm(v, form));
			expect(back).toEqual({ ok: true, ballot });
		}
	);
});
