import { endpoint } from '$lib/server/api/endpoint';
import * as api from '$lib/server/api/contracts/supervision';
import { config } from '$lib/server/config';
import * as supervision from '$lib/server/supervision';

export const GET = endpoint(api.standings, ({ db, actor, query }) => {
	const key = query.period || supervision.quarterOf(new Date(), config.timeZone);
	const { period, items } = supervision.unitStandings(db, actor, key);
	return { period: period.key, items };
});
