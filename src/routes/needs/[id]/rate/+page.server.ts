import type { Actions } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { formAction, requireActor } from '$lib/server/http/forms';
import { orErrorPage } from '$lib/server/http/pages';
import { getNeed } from '$lib/server/needs/queries';
import { enterRating, needRatings, rateNeed, reopenNeed } from '$lib/server/ratings';
import { onBehalfInput, ratingInput, reopenInput } from '$lib/shared/ratings/schemas';

/** The rating page (评单), opened from the "已办结，请评分" notification. */
export const load: PageServerLoad = (event) => {
	const { actor } = requireActor(event);
	const db = getDb();
	return orErrorPage(event.locals.locale, () => {
		const need = getNeed(db, actor, event.params.id);
		return {
			need: { id: need.id, title: need.title, status: need.status },
			ratings: needRatings(db, actor, need.id)
		};
	});
};

export const actions: Actions = {
	rate: (event) =>
		formAction(event, ratingInput, (input) => ({
			rated: !!rateNeed(getDb(), requireActor(event).actor, event.params.id!, input)
		})),
	enter: (event) =>
		formAction(event, onBehalfInput, (input) => ({
			entered: !!enterRating(getDb(), requireActor(event).actor, event.params.id!, input)
		})),
	reopen: (event) =>
		formAction(event, reopenInput, ({ reason }) => ({
			reopened: !!reopenNeed(getDb(), requireActor(event).actor, event.params.id!, reason)
		}))
};
