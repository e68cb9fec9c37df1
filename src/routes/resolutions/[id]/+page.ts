import type { PageLoad } from './$types';
import { loadDecisionMessages, loadExecutionMessages } from '$lib/i18n/load';

/** Decisions' words and execution's (the resolution's tasks) are sections of the catalogue. */
export const load: PageLoad = async ({ data, parent }) => {
	const { messages, locale } = await parent();
	const [decisions, execution] = await Promise.all([
		loadDecisionMessages(locale),
		loadExecutionMessages(locale)
	]);
	return { ...data, messages: { ...messages, ...decisions, ...execution } };
};
