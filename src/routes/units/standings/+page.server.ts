import type { PageServerLoad } from './$types';
import { config } from '$lib/server/config';
import { getDb } from '$lib/server/db';
import { requireActor } from '$lib/server/http/forms';
import { orErrorPage } from '$lib/server/http/pages';
import {
	HONOUR_LIST_SIZE,
	STANDINGS_RULES,
	periodChoices,
	quarterOf,
	unitStandings
} from '$lib/server/supervision';

export const load: PageServerLoad = (event) => {
	const { actor } = requireActor(event);
	const now = new Date();
	const choices = periodChoices(now, config.timeZone);
	const asked = event.url.searchParams.get('period') ?? '';
	const key = choices.includes(asked) || /^\d{4}(-Q[1-4])?$/.test(asked) ? asked : '';
	return orErrorPage(event.locals.locale, () => {
		const { period, items } = unitStandings(getDb(), actor, key || quarterOf(now, config.timeZone));
		// Only units with something counted make a list: a unit with no facts is neither red nor black.
		const counted = items.filter((i) => i.breakdown.some((b) => b.count > 0));
		const red = counted.slice(0, HONOUR_LIST_SIZE);
		// The bottom of the ranking, worst first, never a unit already on the red list.
		const black = counted.slice(red.length).slice(-HONOUR_LIST_SIZE).reverse();
		return {
			period: { key: period.key, kind: period.kind, year: period.year, quarter: period.quarter },
			choices: choices.includes(period.key) ? choices : [period.key, ...choices],
			items,
			red,
			black,
			rules: STANDINGS_RULES
		};
	});
};
