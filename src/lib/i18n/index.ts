/**
 * The message catalogue: zh-CN first, English second. Every string a person reads comes from
 * here, in the browser and on the server (form errors, problem titles, socket error acks).
 */
import { zhCN } from './zh-CN';
import { en } from './en';
import { decisionsZhCN } from './decisions.zh-CN';
import { decisionsEn } from './decisions.en';
import { executionZhCN } from './execution.zh-CN';
import { executionEn } from './execution.en';
import { fill } from './format';
import type { Locale } from './locales';

export { LOCALES, DEFAULT_LOCALE, isLocale, type Locale } from './locales';

export type MessageKey =
	keyof typeof zhCN | keyof typeof decisionsZhCN | keyof typeof executionZhCN;
export type Messages = Record<MessageKey, string>;

/** The server knows every message; a browser loads the base catalogue and adds sections as pages need them. */
const catalogues: Record<Locale, Messages> = {
	'zh-CN': { ...zhCN, ...decisionsZhCN, ...executionZhCN },
	en: { ...en, ...decisionsEn, ...executionEn }
};

/** Translate `key`, choosing plural forms and replacing `{name}` placeholders with `params`. */
export function translate(
	locale: Locale,
	key: MessageKey,
	params?: Record<string, string | number>
): string {
	return fill(catalogues[locale][key] ?? catalogues['zh-CN'][key] ?? key, params, locale);
}

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;
