import { describe, expect, it } from 'vitest';
import { zhCN } from './zh-CN';
import { en } from './en';
import { translate } from './index';

// A plural choice `{count, plural, …}` uses its parameter like `{count}` does.
const placeholders = (s: string) =>
	[...new Set([...s.matchAll(/\{(\w+)(?:\}|, plural,)/g)].map((m) => m[1]))].sort();

describe('message catalogue', () => {
	it('English has exactly the keys of zh-CN', () => {
		expect(Object.keys(en).sort()).toEqual(Object.keys(zhCN).sort());
	});

	it('no message is empty, and both languages use the same placeholders', () => {
		for (const key of Object.keys(zhCN) as (keyof typeof zhCN)[]) {
			expect(zhCN[key].trim(), key).not.toBe('');
			expect(en[key].trim(), key).not.toBe('');
			expect(placeholders(en[key]), key).toEqual(placeholders(zhCN[key]));
		}
	});

	it("chooses plural forms by the language's rules", () => {
		expect(translate('en', 'need.supports', { count: 1 })).toBe('1 supporter');
		expect(translate('en', 'need.supports', { count: 2 })).toBe('2 supporters');
		expect(translate('en', 'need.supports', { count: 0 })).toBe('No supporters yet');
		expect(translate('en', 'hall.upvotes', { n: 1 })).toBe('1 upvote');
		expect(translate('en', 'hall.upvotes', { n: 3 })).toBe('3 upvotes');
		expect(translate('en', 'agenda.total', { count: 1, minutes: 1 })).toBe('1 item, 1 minute');
		expect(translate('zh-CN', 'need.supports', { count: 1 })).toBe('1 人附议');
	});

	it('every plural choice has an "other" form', () => {
		for (const catalogue of [zhCN, en]) {
			for (const [key, text] of Object.entries(catalogue)) {
				for (const m of text.matchAll(/\{\w+, plural,/g))
					expect(text.slice(m.index), key).toMatch(/^\{\w+, plural,.*\bother\s*\{/s);
			}
		}
	});

	it('fills placeholders', () => {
		expect(translate('zh-CN', 'home.welcome', { name: '张三' })).toBe('张三，您好');
		expect(translate('en', 'home.welcome', { name: 'Zhang' })).toBe('Hello, Zhang');
	});
});
