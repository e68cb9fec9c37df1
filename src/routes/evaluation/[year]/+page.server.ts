import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { config } from '$lib/server/config';
import { committeeHeading } from '$lib/server/org/org';
import { requireActor } from '$lib/server/http/forms';
import { orErrorPage } from '$lib/server/http/pages';
import { AppError } from '$lib/server/errors';
import { evaluationView } from '$lib/server/insight/evaluation';
import { dashboardCharts } from '$lib/server/insight/dashboard-charts';

export const load: PageServerLoad = (event) => {
	const { actor, committeeId } = requireActor(event);
	const { locale } = event.locals;
	return orErrorPage(locale, () => {
		if (!/^\d{4}$/.test(event.params.year)) throw new AppError(404, 'err.notFound');
		const db = getDb();
		const report = evaluationView(db, actor, committeeId, Number(event.params.year), {
			locale,
			timeZone: config.timeZone
		});
		return {
			report,
			// Printed on paper: the larger type of elder mode is for screens.
			charts: dashboardCharts(report.figures, locale),
			committeeName: committeeHeading(db, actor)?.name ?? '',
			printedAt: new Date()
		};
	});
};
