import type { PageLoad } from './$types';
import { loadExecutionMessages } from '$lib/i18n/load';

/**
 * Execution's words are their own section of the catalogue: added only when the page shows
 * execution (tasks on the need, staff's dispatch links or resource suggestions), so a resident's
 * page for a need nobody has acted on yet stays light.
 */
export const load: PageLoad = async ({ data, parent }) => {
	const shows =
		!!data.resources ||
		(!!data.execution &&
			(data.execution.tasks.length > 0 || data.execution.canDispatch || data.execution.canSummon));
	if (!shows) return data;
	const { messages, locale } = await parent();
	return { ...data, messages: { ...messages, ...(await loadExecutionMessages(locale)) } };
};
