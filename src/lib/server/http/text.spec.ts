import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { badTextFields, isBadText, parseJsonBody } from './text';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('text Yiting will not store', () => {
	it('finds NUL and lone surrogates, and lets every real character through', () => {
		expect(isBadText('a\u0000b')).toBe(true);
		expect(isBadText('\uD800')).toBe(true);
		expect(isBadText('x\uDC00y')).toBe(true);
		expect(isBadText('\uDC00\uD800')).toBe(true);
		expect(isBadText('议厅 🏛️ ok \u0001\t\n')).toBe(false);
		expect(isBadText('😀')).toBe(false);
	});

	it('names the field of every bad string, nested', () => {
		expect(
			badTextFields({ title: 'ok', body: 'a\u0000', items: ['fine', '\uD83D'], deep: { k: 1 } })
		).toEqual({ body: ['err.badText'], 'items.1': ['err.badText'] });
		expect(badTextFields('\u0000')).toEqual({ _: ['err.badText'] });
	});

	it('refuses invalid UTF-8 with a 400, bad text with a 422, and parses the rest', () => {
		const invalid = new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d]);
		expect(() => parseJsonBody(invalid)).toThrow(expect.objectContaining({ status: 400 }));
		const nul = () => parseJsonBody(bytes('{"title":"a\\u0000b"}'));
		expect(nul).toThrow(AppError);
		expect(nul).toThrow(
			expect.objectContaining({ status: 422, fields: { title: ['err.badText'] } })
		);
		const lone = () => parseJsonBody(bytes('{"t":["\\ud800"]}'));
		expect(lone).toThrow(expect.objectContaining({ status: 422 }));
		expect(parseJsonBody(bytes('{"t":"议厅 \\ud83d\\ude00"}'))).toEqual({ t: '议厅 😀' });
	});
});
