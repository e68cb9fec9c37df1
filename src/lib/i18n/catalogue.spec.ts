import { describe, expect, it } from 'vitest';
import { zhCN } from './zh-CN';
import { en } from './en';
import { translate } from './index';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

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

	it('fills placeholders', () => {
		expect(translate('zh-CN', 'home.welcome', { name: '张三' })).toBe('张三，您好');
		expect(translate('en', 'home.welcome', { name: 'Zhang' })).toBe('Hello, Zhang');
	});
});
