import { describe, expect, it } from 'vitest';
import { voteInputSchema } from '$lib/shared/schemas/votes';
import { formErrors, pollInput } from './poll-form';

const form = (fields: [string, string][]) => {
	const f = new FormData();
	for (const [k, v] of fields) f.append(k, v);
	return f;
};
const read = (fields: [string, string][]) =>
	pollInput(Object.fromEntries(fields), form(fields), 'Asia/Shanghai');

describe('the new-poll form', () => {
	it('reads one option per line, a percentage quorum and the end in the committee’s time zone', () => {
		const input = read([
			['title', '社区花园认养方式'],
			['method', 'multiple'],
			['options', ' 按楼栋认养\n\n按家庭认养\r\n按单位认养 '],
			['maxChoices', '2'],
			['kind', 'secret'],
			['trackingCodes', 'on'],
			['electorate', 'members'],
			['communityIds', 'ignored-for-members'],
			['quorum', '60'],
			['quorumKind', 'share'],
			['threshold', 'two-thirds'],
			['closesAt', '2030-05-01T18:00']
		]);
		const parsed = voteInputSchema.parse(input);
		expect(parsed.options).toEqual([
			{ label: '按楼栋认养' },
			{ label: '按家庭认养' },
			{ label: '按单位认养' }
		]);
		expect(parsed).toMatchObject({ secret: true, trackingCodes: true, maxChoices: 2 });
		expect(parsed.communityIds).toBeUndefined();
		// Only yes/no/abstain has a threshold; a choice between options drops it.
		expect(parsed.threshold).toBeUndefined();
		expect(parsed.quorum).toEqual({
			kind: 'share',
			numerator: 60,
			denominator: 100,
			comparison: 'at-least'
		});
		expect(parsed.closesAt?.toISOString()).toBe('2030-05-01T10:00:00.000Z');
	});

	it('leaves codes off when unticked, and names the fields that are wrong', () => {
		const input = read([
			['title', '花园'],
			['method', 'single'],
			['options', '只有一个'],
			['electorate', 'residents'],
			['communityIds', 'c1'],
			['communityIds', 'c2'],
			['quorum', '3'],
			['closesAt', '']
		]);
		expect(input).toMatchObject({ trackingCodes: false, communityIds: ['c1', 'c2'] });
		const r = voteInputSchema.safeParse(input);
		expect(r.success).toBe(false);
		const fields = formErrors(
			Object.fromEntries(r.error!.issues.map((i) => [i.path.join('.'), [i.message]]))
		);
		expect(Object.keys(fields).sort()).toEqual(['closesAt', 'options']);
		// Typed words where a number belongs: kept as typed, so the schema names the field.
		const words = voteInputSchema.safeParse(
			read([
				['title', '花园'],
				['method', 'yna'],
				['electorate', 'members'],
				['quorum', 'many'],
				['closesAt', '2030-05-01T18:00']
			])
		);
		expect(words.error?.issues.map((i) => i.path[0])).toEqual(['quorum']);
	});

	it('gathers messages about parts of a field under the field', () => {
		expect(
			formErrors({ 'options.0.label': ['空'], options: ['少'], 'options.1.label': ['空'] })
		).toEqual({ options: ['空', '少'] });
	});
});
