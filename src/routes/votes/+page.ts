import type { PageLoad } from './$types';
import { loadDecisionMessages } from '$lib/i18n/load';

/** Decisions' words are their own section of the catalogue: this page adds it to the layout's. */
export const load: PageLoad = async ({ data, parent }) => {
	const { messages, locale } = await parent();
	return { ...data, messages: { ...messages, ...(await loadDecisionMessages(locale)) } };
};
