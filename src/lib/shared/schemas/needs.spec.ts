import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { needInput, proxyNeedInput } from './needs';

/** The catalogue key each field is refused with. */
function refusals(r: z.ZodSafeParseResult<unknown>): Record<string, string> {
	return Object.fromEntries((r.error?.issues ?? []).map((i) => [i.path.join('.'), i.message]));
}

describe('a need left empty', () => {
	// Empty form fields arrive absent; "格式不正确" would send a resident looking for a typo.
	it('names its required fields as required and its choices as to be chosen', () => {
		expect(refusals(needInput.safeParse({}))).toEqual({
			title: 'err.required',
			description: 'err.required',
			category: 'err.choose'
		});
	});

	it('entered for a resident also asks for the resident’s name, phone and how it came in', () => {
		expect(
			refusals(
				proxyNeedInput.safeParse({ title: '楼道灯不亮了', description: '三楼', category: 'safety' })
			)
		).toEqual({
			contactName: 'err.required',
			contactPhone: 'err.required',
			channel: 'err.choose'
		});
	});

	it('still refuses what is there but wrong with its own reason', () => {
		expect(
			refusals(
				needInput.safeParse({
					title: '灯',
					description: '坏了',
					category: 'safety',
					contactPhone: '123'
				})
			)
		).toEqual({ title: 'err.titleShort', contactPhone: 'err.phone' });
	});
});
