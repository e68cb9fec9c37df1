import type { LayoutLoad } from './$types';
import { loadMessages } from '$lib/i18n/load';

/** The catalogue of the person's language only; it loads again when they switch. */
export const load: LayoutLoad = async ({ data }) => ({
	...data,
	messages: await loadMessages(data.locale)
});
