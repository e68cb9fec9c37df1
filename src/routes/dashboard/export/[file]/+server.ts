/**
 * The dashboard's CSV downloads: `tasks.csv` and `needs.csv` over the dashboard's period
 * (`?from=&to=`, by default the last 12 months); `standings.csv` over a standings period
 * (`?period=2026-Q4` or `?period=2026`, by default the current quarter).
 */
import type { RequestHandler } from './$types';
import { error } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { config } from '$lib/server/config';
import { requireActor } from '$lib/server/http/forms';
import { orErrorPage } from '$lib/server/http/pages';
import { csvResponse } from '$lib/server/insight/csv';
import { needsCsv, tasksCsv } from '$lib/server/insight/csv-exports';
import { periodOf } from '$lib/server/insight/period';
import { standingsCsv } from '$lib/server/insight/standings-csv';
import { quarterOf } from '$lib/server/supervision';
import { translate } from '$lib/i18n';

const FILES = { 'tasks.csv': tasksCsv, 'needs.csv': needsCsv } as const;

export const GET: RequestHandler = (event) => {
	const { actor, committeeId } = requireActor(event);
	const locale = event.locals.locale;
	if (event.params.file === 'standings.csv')
		return orErrorPage(locale, () => {
			const key =
				event.url.searchParams.get('period')?.trim().slice(0, 7) ||
				quarterOf(new Date(), config.timeZone);
			const body = standingsCsv(getDb(), actor, committeeId, key, locale);
			return csvResponse(`standings-${key}.csv`, body);
		});
	const make = FILES[event.params.file as keyof typeof FILES];
	if (!make) error(404, translate(locale, 'error.404.title'));
	return orErrorPage(locale, () => {
		const get = (k: string) => event.url.searchParams.get(k)?.trim().slice(0, 10) || undefined;
		const period = periodOf({ from: get('from'), to: get('to') }, new Date(), config.timeZone);
		const body = make(getDb(), actor, committeeId, period, locale);
		return csvResponse(
			`${event.params.file.replace('.csv', '')}-${period.from}-${period.to}.csv`,
			body
		);
	});
};
