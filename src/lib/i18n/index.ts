/**
 * The message catalogue: zh-CN first, English second. Every string a person reads comes from
 * here, in the browser and on the server (form errors, problem titles, socket error acks).
 */
import { zhCN } from './zh-CN';
import { en } from './en';
import { fill } from './format';
import type { Locale } from './locales';

export { LOCALES, DEFAULT_LOCALE, isLocale, type Locale } from './locales';

export type MessageKey = keyof typeof zhCN;
export type Messages = Record<MessageKey, string>;

const catalogues: Record<Locale, Messages> = { 'zh-CN': zhCN, en };

/** Translate `key`, choosing plural forms and replacing `{name}` placeholders with `params`. */
export function translate(
	locale: Locale,
	key: MessageKey,
	params?: Record<string, string | number>
): string {
	return fill(catalogues[locale][key] ?? zhCN[key] ?? key, params, locale);
}

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;
