/**
 * The unit standings (履职积分) as CSV, for a quarter or a year: each unit's rank, points, on-time
 * rate and satisfaction, then every rule's count and points, as the standings page shows them.
 * The figures are supervision's own (`unitStandings`), so the file never disagrees with the page.
 */
import type { DbLike } from '../db';
import { forbidden } from '../errors';
import { translate, type Locale, type MessageKey } from '../../i18n';
import { can, type Actor } from '../../shared/permissions';
import { STANDINGS_RULES, unitStandings } from '../supervision';
import { toCsv, type CsvValue } from './csv';

export function standingsCsv(
	db: DbLike,
	actor: Actor,
	committeeId: string,
	periodKey: string,
	locale: Locale,
	now = new Date()
): string {
	if (!can(actor, 'export.csv', { committeeId })) throw forbidden();
	const { items } = unitStandings(db, actor, periodKey, { committeeId, now });
	const tr = (k: string, p?: Record<string, string>) =>
		translate(locale, `dashboard.csv.standings.${k}` as MessageKey, p);
	const head = [
		...['rank', 'unit', 'points', 'onTimeRate', 'satisfaction'].map((k) => tr(k)),
		...STANDINGS_RULES.flatMap(({ key }) => {
			const rule = tr(`rule.${key}`);
			return [tr('count', { rule }), tr('rulePoints', { rule })];
		})
	];
	return toCsv(
		head,
		items.map((s): CsvValue[] => [
			s.rank,
			s.unitName,
			s.points,
			s.onTimeRate === null ? null : Math.round(s.onTimeRate * 1000) / 10,
			s.satisfaction,
			...s.breakdown.flatMap((b) => [b.count, b.points])
		])
	);
}
