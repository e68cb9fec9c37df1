/**
 * The supervision list and the closed-loop trace at the dashboard's size: one unit's overdue
 * tasks, most late first (`supervisionList`), beside a bare SELECT of the same page with the
 * same WHERE and ORDER BY; one need's trace (`needTrace`) beside bare reads of its rows.
 */
import type { Db } from '../src/lib/server/db';
import type { Actor } from '../src/lib/shared/permissions';
import { supervisionList } from '../src/lib/server/supervision';
import { needTrace } from '../src/lib/server/insight/trace';
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

/** The same rows a trace reads, bare: the need, its tasks, their timeline and reports, its ratings. */
const BARE_TRACE = [
	`select * from need where id = ?`,
	`select t.* from task t join task_need tn on tn.task_id = t.id where tn.need_id = ?`,
	`select e.* from task_event e join task_need tn on tn.task_id = e.task_id where tn.need_id = ? order by e.at`,
	`select r.* from task_report r join task_need tn on tn.task_id = r.task_id where tn.need_id = ? order by r.created_at`,
	`select * from rating where need_id = ?`
];

/** One need's closed-loop trace (`needTrace`), beside the bare reads of its rows. */
export function traceRows(db: Db, admin: Actor, needId: string, first: number): Row[] {
	const stmts = BARE_TRACE.map((s) => db.$client.prepare(s));
	let steps = 0;
	return [
		[
			'baseline: bare selects of one need’s rows (need, tasks, timeline, reports, ratings)',
			measure(() => stmts.forEach((s) => s.all(needId))),
			'',
			first
		],
		[
			'closed-loop trace of that need (`needTrace`, as the admin)',
			measure(() => (steps = needTrace(db, admin, needId).steps.length)),
			`${steps} steps`,
			first
		]
	];
}
