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

/**
 * A plural choice, in ICU's shape: `{count, plural, one {# supporter} other {# supporters}}`.
 * Branches are `=N` or a CLDR category (zero, one, two, few, many, other); `#` is the number.
 * A branch may hold `{name}` placeholders but no further choice.
 */
const PLURAL = /\{(\w+), plural,((?:\s*(?:=\d+|\w+)\s*\{(?:[^{}]|\{\w+\})*\})+)\s*\}/g;
const BRANCH = /(=\d+|\w+)\s*\{((?:[^{}]|\{\w+\})*)\}/g;

const pluralRules = new Map<Locale, Intl.PluralRules>();
function pluralCategory(locale: Locale, n: number): string {
	let rules = pluralRules.get(locale);
	if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(locale)));
	return rules.select(n);
}

function choosePlurals(locale: Locale, text: string, params: Record<string, string | number>): string {
	return text.replace(PLURAL, (m, name: string, body: string) => {
		const n = Number(params[name]);
		if (!Number.isFinite(n)) return m;
		const branches = new Map([...body.matchAll(BRANCH)].map((b) => [b[1]!, b[2]!]));
		const chosen = branches.get(`=${n}`) ?? branches.get(pluralCategory(locale, n)) ?? branches.get('other') ?? '';
		return chosen.replace(/#/g, String(n));
	});
}

/** Translate `key`, choosing plural forms and replacing `{name}` placeholders with `params`. */
export function translate(
	locale: Locale,
	key: MessageKey,
	params?: Record<string, string | number>
): string {
	const text = catalogues[locale][key] ?? zhCN[key] ?? key;
	if (!params) return text;
	return choosePlurals(locale, text, params).replace(/\{(\w+)\}/g, (m, p: string) => String(params[p] ?? m));
}

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;
