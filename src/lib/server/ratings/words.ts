/**
 * The ratings words a page outside execution needs (the need page's ratings section), sent with
 * its data instead of loading the whole execution section into a resident's browser. Raw
 * catalogue texts: the page's own `t()` fills their placeholders.
 */
import type { Locale, Messages } from '../../i18n';
import { ratingsEn } from '../../i18n/ratings.en';
import { ratingsZhCN } from '../../i18n/ratings.zh-CN';

const forPages = (k: string) =>
	k.startsWith('need.event.') || (k.startsWith('ratings.') && !k.startsWith('ratings.trace.'));

/** The ratings section's words (not the trace's) in `locale`. */
export function ratingWords(locale: Locale): Partial<Messages> {
	const all: Record<string, string> = locale === 'en' ? ratingsEn : ratingsZhCN;
	return Object.fromEntries(Object.entries(all).filter(([k]) => forPages(k)));
}
