/** The message catalogue in components: `const t = useT()` then `t('nav.home')`. */
import { getContext, setContext } from 'svelte';
import { fill } from '../i18n/format';
import type { Messages, Translate } from '../i18n';

const KEY = Symbol('yiting.i18n');

/**
 * Provide `t` to the tree from the shown language's catalogue (loaded by the root layout);
 * `getMessages` is read on every call, so a language change re-renders.
 */
export function provideI18n(getMessages: () => Messages, getLocale: () => string): Translate {
	const t: Translate = (key, params) => fill(getMessages()[key] ?? key, params, getLocale());
	setContext(KEY, t);
	return t;
}

export function useT(): Translate {
	return getContext<Translate>(KEY);
}
