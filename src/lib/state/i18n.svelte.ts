/** The message catalogue in components: `const t = useT()` then `t('nav.home')`. */
import { getContext, setContext } from 'svelte';
import { fill } from '../i18n/format';
import type { Locale, Messages, Translate } from '../i18n';
import { loadDecisionMessages } from '../i18n/load';

const KEY = Symbol('yiting.i18n');

/**
 * Sections a page added in the browser after it loaded (the hall's votes, once it has one).
 * Browser only: on the server a page's sections come with its data, per request.
 */
const added = $state<{ messages: Partial<Messages> }>({ messages: {} });

/**
 * Provide `t` to the tree from the shown language's catalogue (loaded by the root layout, with
 * the sections the page's load added); `getMessages` is read on every call, so a language change
 * re-renders.
 */
export function provideI18n(
	getMessages: () => Partial<Messages>,
	getLocale: () => string
): Translate {
	const t: Translate = (key, params) =>
		fill(getMessages()[key] ?? added.messages[key] ?? key, params, getLocale());
	setContext(KEY, t);
	return t;
}

export function useT(): Translate {
	return getContext<Translate>(KEY);
}

let decisions: Promise<void> | null = null;

/** Load decisions' words into this browser's catalogue (once); for parts that appear live. */
export function ensureDecisionMessages(locale: Locale): Promise<void> {
	decisions ??= loadDecisionMessages(locale).then((m) => {
		added.messages = { ...added.messages, ...m };
	});
	return decisions;
}
