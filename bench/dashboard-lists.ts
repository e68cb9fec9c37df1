/**
 * The supervision list at the dashboard's size: one unit's overdue tasks, most late first
 * (`supervisionList`), beside a bare SELECT of the same page with the same WHERE and ORDER BY.
 */
import type { Db } from '../src/lib/server/db';
import type { Actor } from '../src/lib/shared/permissions';
import { supervisionList } from '../src/lib/server/supervision';
import { OPEN_TASK_STATUSES } from '../src/lib/shared/tasks/options';
import { measure, type Row } from './dashboard-measure';

export const AIM_LIST_MS = 50;

const open = OPEN_TASK_STATUSES.map((s) => `'${s}'`).join(', ');

export const BARE_OVERDUE = `select * from task
	where committee_id = ? and status in (${open}) and due_at <= ?
		and (lead_unit_id = ? or id in (select task_id from task_unit where unit_id = ?))
	order by max(0, ? - due_at) desc, due_at, id limit 51`;

export const overdueParams = (committeeId: string, unitId: string, now: number) => [
	committeeId,
	now,
	unitId,
	unitId,
	now
];

/** The unit with the most overdue tasks: the longest list a supervisor filters to. */
export function unitOf(db: Db, committeeId: string): string {
	return (
		db.$client
			.prepare(
				`select lead_unit_id as id from task where committee_id = ? and status in (${open}) and due_at <= ?
				group by 1 order by count(*) desc limit 1`
			)
			.get(committeeId, Date.now()) as { id: string }
	).id;
}

/** The two rows, to be placed from index `first` of the part's table. */
export function supervisionRows(
	db: Db,
	supervisor: Actor,
	committeeId: string,
	first: number
): Row[] {
	const unitId = unitOf(db, committeeId);
	const stmt = db.$client.prepare(BARE_OVERDUE);
	const now = Date.now();
	const params = overdueParams(committeeId, unitId, now);
	let total = 0;
	const rows: Row[] = [];
	rows.push([
		'baseline: bare select of one unit’s overdue page',
		measure(() => stmt.all(...params)),
		'',
		first
	]);
	const list = measure(() => {
		total = supervisionList(db, supervisor, {
			overdue: true,
			unitId,
			sort: 'lateness',
			now: new Date(now)
		}).total;
	});
	rows.push([
		'supervision list (`supervisionList`, overdue, one unit, most late first)',
		list,
		`${total.toLocaleString('en')} overdue tasks of the unit; page of 50`,
		first
	]);
	return rows;
}
