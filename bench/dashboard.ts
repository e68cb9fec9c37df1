/**
 * The dashboard (数据看板) at a busy street's scale: 100,000 tasks and 1,000,000 progress reports
 * (bench/dashboard-seed.ts), through the real `dashboardView` over its default period (the last
 * 12 months, which holds nearly every task), and the CSV export of the same tasks.
 *
 * Baselines in the same run, on the same better-sqlite3 handle: a bare aggregate over the same
 * task rows (`select count(*), sum(status = 'done'), sum(due_at) from task where committee_id = ?
 * and created_at in the period`) and a bare `select id, title, status, due_at` of those rows.
 */
import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { openDb } from '../src/lib/server/db';
import { users } from '../src/lib/server/db/schema';
import { loadActor } from '../src/lib/server/auth/session';
import { computeFigures, dashboardView } from '../src/lib/server/insight/dashboard';
import { unitStandings } from '../src/lib/server/supervision';
import { tasksCsv } from '../src/lib/server/insight/csv-exports';
import { periodOf } from '../src/lib/server/insight/period';
import { config } from '../src/lib/server/config';
import { REPORTS, TASKS, seedDashboard } from './dashboard-seed';
import type { BenchContext, BenchPart, BenchResult } from './part';
import {
	ITERATIONS,
	SCENARIO_BUDGET_MS,
	WARMUP,
	figureOf,
	measure,
	ms,
	type Row
} from './dashboard-measure';
import {
	AIM_LIST_MS,
	BARE_OVERDUE,
	overdueParams,
	supervisionRows,
	traceRows,
	unitOf
} from './dashboard-lists';

const AIM_P95_MS = 200;

function plan(client: import('better-sqlite3').Database, sqlText: string, params: unknown[]) {
	return (client.prepare(`explain query plan ${sqlText}`).all(...params) as { detail: string }[])
		.map((r) => r.detail)
		.join('; ');
}

/** Why the figures are what they are: kept with the part, so every run's section says it. */
function notes(rows: Row[]): string[] {
	const afterWrite = rows[3]![1];
	const list = rows[7]![1];
	return [
		`**The supervision list** (p95 ${ms(list.p95)} ms; the bare page it is compared with is the query it used to send, ${ms(rows[6]![1].p95)} ms) reads one unit's overdue tasks from the index \`task_status_due_unit\` (committee, status, due time, lead unit, id; migration 0013) with an EXISTS probe of task_unit's key for co-units, orders them by the due time itself (for overdue tasks lateness is now − due, same order), and finds the page's ids and the total in one scan (a window count) before reading the page's 50 rows. Before: \`id in (select task_id from task_unit …)\` built the unit's whole list of task ids on every call, every matching row was read from the table to be sorted, and \`count(*)\` did it all again.`,
		'',
		afterWrite.p95 < AIM_P95_MS
			? `**The first read after a write** met the aim in this run (p95 ${ms(afterWrite.p95)} ms).`
			: `**The first read after a write** (p95 ${ms(afterWrite.p95)} ms) misses the aim (${AIM_P95_MS} ms), and no clear win was left for it here: that call computes the figures again, and the time is the per unit × month × outcome GROUP BY over the period's ~92,000 task rows and the joins of needs and ratings (profiled in the history, 2026-12-03 11:38: folding in JavaScript is 2.5× slower, a larger page cache changes nothing). What would meet it is keeping per-month roll-ups up to date from the same triggers that bump the data version (migration 0012), so a read sums a few hundred rows; the catch is that "overdue" moves with the clock and months are the committee's time zone's, so each row needs its month key. That is a change to the dashboard's own figures (insight), left for its own piece of work; repeated reads (no write between) stay well under the aim.`
	];
}

async function run({ dataDir }: BenchContext): Promise<BenchResult> {
	const dbFile = path.join(dataDir, 'yiting.db');
	const db = openDb(dbFile);
	const client = db.$client;
	try {
		console.log(
			`seeding ${TASKS.toLocaleString('en')} tasks, ${REPORTS.toLocaleString('en')} reports…`
		);
		const s = await seedDashboard(db);
		const size = fs.statSync(dbFile).size;
		console.log(`seeded in ${(s.seedMs / 1000).toFixed(1)} s, ${(size / 2 ** 20).toFixed(0)} MiB`);
		const actorOf = (login: string) =>
			loadActor(
				db,
				db.select({ id: users.id }).from(users).where(eq(users.login, login)).get()!.id
			);
		const admin = actorOf('admin');
		const supervisor = actorOf('supervisor');
		const period = periodOf({}, new Date(), config.timeZone);
		const range = [s.committeeId, period.start.getTime(), period.end.getTime()];
		const bareAggregate = `select count(*), sum(status = 'done'), sum(due_at) from task where committee_id = ? and created_at >= ? and created_at < ?`;
		const bareRows = `select id, title, status, due_at from task where committee_id = ? and created_at >= ? and created_at < ?`;
		const aggStmt = client.prepare(bareAggregate);
		const rowsStmt = client.prepare(bareRows);
		const opts = { locale: 'zh-CN' };
		let figures = computeFigures(db, s.committeeId, period, opts);

		// A write the figures read, as the approval of a task makes: the next call computes again.
		const someTask = client
			.prepare(
				`select id, status from task where committee_id = ? and status in ('submitted', 'in_progress') limit 1`
			)
			.get(s.committeeId) as { id: string; status: string };
		const touch = client.prepare(`update task set status = ? where id = ?`);
		let flip = false;
		const write = () => {
			flip = !flip;
			const other = someTask.status === 'in_progress' ? 'submitted' : 'in_progress';
			touch.run(flip ? other : someTask.status, someTask.id);
		};

		const rows: Row[] = [];
		rows.push([
			'baseline: bare aggregate over the period’s task rows',
			measure(() => aggStmt.get(...range)),
			'',
			0
		]);
		rows.push([
			'before: figures computed on every call (`computeFigures`, last 12 months)',
			measure(() => (figures = computeFigures(db, s.committeeId, period, opts))),
			`${figures.tasks.total.toLocaleString('en')} tasks counted`,
			0
		]);
		rows.push([
			'**after: dashboard** (`dashboardView`, figures kept under the data version)',
			measure(() => dashboardView(db, admin, s.committeeId, period, opts)),
			'no write between calls',
			0
		]);
		rows.push([
			'after, a task written before each call (`dashboardView` computes again)',
			measure(() => dashboardView(db, admin, s.committeeId, period, opts), write),
			'the write is not timed',
			0
		]);
		rows.push([
			'baseline: bare select of the period’s task rows',
			measure(() => rowsStmt.all(...range)),
			'',
			4
		]);
		rows.push([
			'tasks CSV export (`tasksCsv`, same rows)',
			measure(() => tasksCsv(db, admin, s.committeeId, period, 'zh-CN')),
			'',
			4
		]);
		rows.push(...supervisionRows(db, supervisor, s.committeeId, rows.length));
		rows.push(...traceRows(db, admin, s.sampleNeedId, rows.length));
		const year = String(new Date().getUTCFullYear());
		rows.push([
			`unit standings (\`unitStandings\`, year ${year})`,
			measure(() => unitStandings(db, supervisor, year)),
			'',
			0
		]);

		const lines = [
			`Seeded in ${(s.seedMs / 1000).toFixed(1)} s (one transaction, prepared statements), database ${(size / 2 ** 20).toFixed(0)} MiB: ${Object.entries(
				s.counts
			)
				.map(([k, v]) => `${v.toLocaleString('en')} ${k}`)
				.join(
					', '
				)}. ${WARMUP} warm-up calls, then up to ${ITERATIONS} timed calls (each scenario bounded by ${SCENARIO_BUDGET_MS / 1000} s). Aim: dashboard p95 under ${AIM_P95_MS} ms, supervision list and trace under ${AIM_LIST_MS} ms.`,
			'',
			'| scenario | calls | p50 ms | p95 ms | max ms | CPU (share of one core) | × baseline p50 | note |',
			'| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
			...rows.map(([name, st, note, b]) => {
				const base = rows[b]![1];
				return `| ${name} | ${st.n} | ${ms(st.p50)} | ${ms(st.p95)} | ${ms(st.max)} | ${(st.cpu * 100).toFixed(0)}% | ${(st.p50 / base.p50).toFixed(1)} | ${note} |`;
			}),
			'',
			`Dashboard p95 under ${AIM_P95_MS} ms: before **${rows[1]![1].p95 < AIM_P95_MS ? 'yes' : 'no'}**, after **${rows[2]![1].p95 < AIM_P95_MS ? 'yes' : 'no'}** (after a write: **${rows[3]![1].p95 < AIM_P95_MS ? 'yes' : 'no'}**). The dashboard reads no progress report: its figures come from task, need (with need_event for acceptance), rating and resolution rows.`,
			'',
			...notes(rows),
			'',
			'Query plans (EXPLAIN QUERY PLAN):',
			'',
			`- bare aggregate: ${plan(client, bareAggregate, range)}`,
			`- bare overdue page of a unit: ${plan(client, BARE_OVERDUE, overdueParams(s.committeeId, unitOf(db, s.committeeId), Date.now()))}`
		];
		const tasks = `${TASKS.toLocaleString('en')} tasks`;
		const summary = [
			figureOf(rows, 2, `dashboard, repeated read, ${tasks}`, AIM_P95_MS),
			figureOf(rows, 3, `dashboard, first read after a write, ${tasks}`, AIM_P95_MS),
			figureOf(rows, 5, `tasks CSV export, ${tasks}`),
			figureOf(rows, 7, `supervision list, one unit's overdue, ${tasks}`, AIM_LIST_MS),
			figureOf(rows, 9, `closed-loop trace of one need`, AIM_LIST_MS),
			figureOf(rows, 10, `unit standings, one year, ${tasks}`)
		];
		return { figures: summary, markdown: lines.join('\n') };
	} finally {
		db.$client.close();
	}
}

export const part: BenchPart = {
	describe:
		'the dashboard over 100,000 tasks and 1,000,000 progress reports (with task units, needs, timeline entries and ratings in proportion), through `dashboardView` and the tasks CSV export, each beside a bare query of the same task rows.',
	run
};
