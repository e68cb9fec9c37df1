import type { PageLoad } from './$types';

/** The ratings section's words come with the page's data (see server/ratings/words.ts). */
export const load: PageLoad = async ({ data, parent }) => {
	const { messages } = await parent();
	return { ...data, messages: { ...messages, ...data.ratingWords } };
};
