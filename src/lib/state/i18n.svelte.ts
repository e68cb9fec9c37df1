/** The message catalogue in components: `const t = useT()` then `t('nav.home')`. */
import { getContext, setContext } from 'svelte';
import { translate, type Locale, type Translate } from '../i18n';

const KEY = Symbol('yiting.i18n');

/** Provide `t` to the tree; `getLocale` is read on every call, so a locale change re-renders. */
export function provideI18n(getLocale: () => Locale): Translate {
	const t: Translate = (key, params) => translate(getLocale(), key, params);
	setContext(KEY, t);
	return t;
}

export function useT(): Translate {
	return getContext<Translate>(KEY);
}
