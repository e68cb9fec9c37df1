/**
 * The dashboard's and evaluation's charts, made from the figures in the reader's language and
 * rendered to SVG on the server (charts.ts).
 */
import { translate, type Locale, type MessageKey } from '../../i18n';
import { PALETTE, renderChart, type Chart, type ChartSpec } from './charts';
import type { DashboardFigures } from './dashboard';

const [ACCENT, LATE, OPEN, OK] = PALETTE as [string, string, string, string];

function monthLabel(month: string, locale: Locale): string {
	const [y, m] = month.split('-');
	return locale === 'en' ? `${y}-${m}` : `${y}年${Number(m)}月`;
}

/** The chart specifications for one set of figures (which charts, which series). */
export function chartSpecs(f: DashboardFigures, locale: Locale): ChartSpec[] {
	const t = (k: string, p?: Record<string, string | number>) =>
		translate(locale, `dashboard.${k}` as MessageKey, p);
	const months = f.monthly.map((m) => monthLabel(m.month, locale));
	const rated = f.tasksByUnit;
	return [
		{
			id: 'needs-monthly',
			title: t('chart.needsMonthly'),
			categories: months,
			series: [
				{ name: t('series.received'), data: f.monthly.map((m) => m.needsReceived) },
				{
					name: t('series.acceptedInTime'),
					data: f.monthly.map((m) => m.needsAcceptedInTime),
					color: OK
				}
			]
		},
		{
			id: 'tasks-monthly',
			title: t('chart.tasksMonthly'),
			categories: months,
			series: [
				{
					name: t('series.onTime'),
					data: f.monthly.map((m) => m.tasksOnTime),
					stack: 'tasks',
					color: ACCENT
				},
				{
					name: t('series.late'),
					data: f.monthly.map((m) => m.tasksLate),
					stack: 'tasks',
					color: LATE
				},
				{
					name: t('series.open'),
					data: f.monthly.map((m) => m.tasksOpen),
					stack: 'tasks',
					color: OPEN
				}
			]
		},
		{
			id: 'tasks-by-unit',
			title: t('chart.tasksByUnit'),
			horizontal: true,
			categories: rated.map((u) => u.name),
			series: [
				{
					name: t('series.onTime'),
					data: rated.map((u) => u.onTime),
					stack: 'tasks',
					color: ACCENT
				},
				{ name: t('series.late'), data: rated.map((u) => u.late), stack: 'tasks', color: LATE },
				{ name: t('series.open'), data: rated.map((u) => u.open), stack: 'tasks', color: OPEN }
			]
		},
		{
			id: 'needs-by-category',
			title: t('chart.needsByCategory'),
			horizontal: true,
			categories: f.needsByCategory.map((c) => c.name),
			series: [
				{ name: t('series.received'), data: f.needsByCategory.map((c) => c.received) },
				{
					name: t('series.acceptedInTime'),
					data: f.needsByCategory.map((c) => c.acceptedInTime),
					color: OK
				}
			]
		},
		{
			id: 'satisfaction',
			title: t('chart.satisfaction'),
			categories: f.satisfaction.distribution.map((d) => t('stars', { n: d.score })),
			series: [{ name: t('series.ratings'), data: f.satisfaction.distribution.map((d) => d.count) }]
		}
	];
}

/** Every chart of the figures, as SVG with its data table. */
export function dashboardCharts(
	f: DashboardFigures,
	locale: Locale,
	opts: { elder?: boolean } = {}
): Chart[] {
	return chartSpecs(f, locale).map((s) => renderChart(s, opts));
}
