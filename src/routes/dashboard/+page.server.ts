import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { config } from '$lib/server/config';
import { requireActor } from '$lib/server/http/forms';
import { orErrorPage } from '$lib/server/http/pages';
import { dashboardView } from '$lib/server/insight/dashboard';
import { dashboardCharts } from '$lib/server/insight/dashboard-charts';
import { periodOf } from '$lib/server/insight/period';
import { can } from '$lib/shared/permissions';
import { periodChoices } from '$lib/server/supervision';

/** The period as GET parameters, so the form works before scripts and a period is a link. */
export const load: PageServerLoad = (event) => {
	const { actor, committeeId } = requireActor(event);
	const { locale, elderMode } = event.locals;
	return orErrorPage(locale, () => {
		const get = (k: string) => event.url.searchParams.get(k)?.trim().slice(0, 10) || undefined;
		const period = periodOf({ from: get('from'), to: get('to') }, new Date(), config.timeZone);
		const figures = dashboardView(getDb(), actor, committeeId, period, { locale });
		return {
			figures,
			charts: dashboardCharts(figures, locale, { elder: elderMode }),
			canExport: can(actor, 'export.csv', { committeeId }),
			canEvaluate: can(actor, 'evaluation.view', { committeeId }),
			standingsPeriods: can(actor, 'standings.view', { committeeId })
				? periodChoices(new Date(), config.timeZone)
				: [],
			query: event.url.search
		};
	});
};
