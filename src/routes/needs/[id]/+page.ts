import type { PageLoad } from './$types';
import { loadExecutionMessages } from '$lib/i18n/load';

/**
 * Execution's words (resource suggestions for staff) are their own section of the catalogue:
 * added only when the page shows them, so residents' need pages stay light.
 */
export const load: PageLoad = async ({ data, parent }) => {
	const { messages, locale } = await parent();
	if (!data.resources) return data;
	return { ...data, messages: { ...messages, ...(await loadExecutionMessages(locale)) } };
};
