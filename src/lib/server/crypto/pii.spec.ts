import { describe, expect, it } from 'vitest';
import { isCurrent, maskPhone, open, seal } from './pii';

process.env.YITING_DATA_KEY ??= Buffer.alloc(32, 7).toString('base64');

describe('personal data encryption', () => {
	it('round-trips, with a fresh IV each time', () => {
		const a = seal('13812341234', 'need:1:contact_phone');
		const b = seal('13812341234', 'need:1:contact_phone');
		expect(a.equals(b)).toBe(false);
		expect(open(a, 'need:1:contact_phone')).toBe('13812341234');
		expect(isCurrent(a)).toBe(true);
		expect(a.includes(Buffer.from('13812341234'))).toBe(false);
	});

	it('fails when tampered with or moved to another row', () => {
		const s = seal('13812341234', 'need:1:contact_phone');
		expect(() => open(s, 'need:2:contact_phone')).toThrow();
		for (const i of [0, 1, 6, 20, s.length - 1]) {
			const t = Buffer.from(s);
			t[i] = t[i]! ^ 1;
			expect(() => open(t, 'need:1:contact_phone')).toThrow();
		}
	});

	it('masks phone numbers for lists', () => {
		expect(maskPhone('13812341234')).toBe('138****1234');
		expect(maskPhone('+86 138 1234 1234')).toBe('138****1234');
		expect(maskPhone('010-61234567')).toBe('010****4567');
	});
});
