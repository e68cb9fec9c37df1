import { endpoint } from '$lib/server/api/endpoint';
import * as api from '$lib/server/api/contracts/insight';
import { config } from '$lib/server/config';
import { committeeOf } from '$lib/server/org/org';
import { dashboardView } from '$lib/server/insight/dashboard';
import { periodOf } from '$lib/server/insight/period';

export const GET = endpoint(api.dashboard, ({ db, actor, query, event }) =>
	dashboardView(db, actor, committeeOf(actor), periodOf(query, new Date(), config.timeZone), {
		locale: event.locals.locale
	})
);
