/**
 * The message catalogue: zh-CN first, English second. Every string a person reads comes from
 * here, in the browser and on the server (form errors, problem titles, socket error acks).
 */
import { zhCN } from './zh-CN';
import { en } from './en';

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh-CN';

export type MessageKey = keyof typeof zhCN;
export type Messages = Record<MessageKey, string>;

const catalogues: Record<Locale, Messages> = { 'zh-CN': zhCN, en };

export function isLocale(value: unknown): value is Locale {
	return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** Translate `key`, replacing `{name}` placeholders with `params`. */
export function translate(
	locale: Locale,
	key: MessageKey,
	params?: Record<string, string | number>
): string {
	const text = catalogues[locale][key] ?? zhCN[key] ?? key;
	return params ? text.replace(/\{(\w+)\}/g, (m, p: string) => String(params[p] ?? m)) : text;
}

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;
