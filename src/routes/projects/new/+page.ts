import type { PageLoad } from './$types';
import { loadExecutionMessages } from '$lib/i18n/load';

/** Execution's words are their own section of the catalogue: this page adds it to the layout's. */
export const load: PageLoad = async ({ data, parent }) => {
	const { messages, locale } = await parent();
	return { ...data, messages: { ...messages, ...(await loadExecutionMessages(locale)) } };
};
