import { describe, expect, it } from 'vitest';
import { zhCN as zhBase } from './zh-CN';
import { en as enBase } from './en';
import { decisionsZhCN } from './decisions.zh-CN';
import { decisionsEn } from './decisions.en';
import { executionZhCN } from './execution.zh-CN';
import { executionEn } from './execution.en';

// The base catalogue and the decisions' section, as the server knows them together.
const zhCN = { ...zhBase, ...decisionsZhCN, ...executionZhCN };
const en = { ...enBase, ...decisionsEn, ...executionEn };
import { translate } from './index';

// A plural choice `{count, plural, …}` uses its parameter like `{count}` does.
const placeholders = (s: string) =>
	[...new Set([...s.matchAll(/\{(\w+)(?:\}|, plural,)/g)].map((m) => m[1]))].sort();

describe('message catalogue', () => {
	it('English has exactly the keys of zh-CN, in the base and in the decisions section', () => {
		expect(Object.keys(en).sort()).toEqual(Object.keys(zhCN).sort());
		expect(Object.keys(enBase).sort()).toEqual(Object.keys(zhBase).sort());
	});

	it('keeps decisions out of the base catalogue, and every key in one place only', () => {
		for (const key of Object.keys(decisionsZhCN)) expect(zhBase, key).not.toHaveProperty(key);
		for (const key of Object.keys(executionZhCN)) {
			expect(zhBase, key).not.toHaveProperty(key);
			expect(decisionsZhCN, key).not.toHaveProperty(key);
		}
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
