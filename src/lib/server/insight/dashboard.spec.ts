import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolutions, tasks } from '../db/schema';
import { AppError } from '../errors';
import { demoDb, type TestDb } from '../seed/test-db';
import { dashboardView, type DashboardFigures } from './dashboard';
import { periodOf } from './period';
import { insertNeed, insertRating, insertTask } from './test-fixtures';
import { needsCsv, tasksCsv } from './csv-exports';
import { needs } from '../db/schema';
import { eq } from 'drizzle-orm';

const TZ = 'Asia/Shanghai';
const cst = (s: string) => new Date(`${s}+08:00`);
// The demo's own history is recent: 2020 belongs to this spec alone.
const year2020 = periodOf({ from: '2020-01-01', to: '2020-12-31' }, new Date(), TZ);
const NOW = cst('2020-12-01T12:00:00');

let t: TestDb;
let f: DashboardFigures;
beforeAll(async () => {
	t = await demoDb();
	const n1 = insertNeed(t, {
		at: cst('2020-03-01T09:00:00'),
		acceptedAfterHours: 3,
		communityId: t.communityId('和平里社区')
	});
	const n2 = insertNeed(t, {
		at: cst('2020-03-02T09:00:00'),
		acceptedAfterHours: 30,
		category: 'parking'
	});
	insertNeed(t, { at: cst('2020-03-03T09:00:00'), category: 'parking' });
	insertNeed(t, { at: cst('2019-12-31T09:00:00'), acceptedAfterHours: 1 });

	const a = insertTask(t, {
		unit: 1,
		at: cst('2020-03-10T10:00:00'),
		dueInHours: 48,
		status: 'done',
		acceptedAfterHours: 2,
		doneAfterHours: 40,
		needId: n1
	});
	const b = insertTask(t, {
		unit: 1,
		at: cst('2020-03-11T10:00:00'),
		dueInHours: 48,
		status: 'done',
		acceptedAfterHours: 30,
		doneAfterHours: 60,
		needId: n2
	});
	// Open and past its deadline on NOW; open and not yet due; cancelled.
	insertTask(t, {
		unit: 2,
		at: cst('2020-04-01T10:00:00'),
		dueInHours: 24,
		status: 'in_progress',
		acceptedAfterHours: 5
	});
	insertTask(t, { unit: 2, at: cst('2020-04-02T10:00:00'), dueInHours: 9000, status: 'pending' });
	insertTask(t, { unit: 2, at: cst('2020-04-03T10:00:00'), dueInHours: 24, status: 'cancelled' });
	// 1 February 01:30 in Shanghai is still 31 January in UTC: it is February's.
	insertTask(t, {
		unit: 3,
		at: new Date('2020-01-31T17:30:00Z'),
		dueInHours: 9000,
		status: 'pending'
	});
	// Outside the period.
	insertTask(t, {
		unit: 1,
		at: cst('2019-12-20T10:00:00'),
		dueInHours: 1,
		status: 'done',
		doneAfterHours: 500
	});

	insertRating(t, {
		needId: n1,
		taskId: a,
		login: 'resident1',
		score: 5,
		at: cst('2020-03-13T00:00:00')
	});
	insertRating(t, {
		needId: n1,
		taskId: a,
		login: 'resident2',
		score: 4,
		at: cst('2020-03-14T00:00:00')
	});
	insertRating(t, {
		needId: n2,
		taskId: b,
		login: 'resident3',
		score: 2,
		at: cst('2020-03-15T00:00:00')
	});

	f = dashboardView(t.db, t.actor('supervisor'), t.committeeId, year2020, {
		locale: 'zh-CN',
		now: NOW
	});
});
afterAll(() => t.close());

describe('dashboard figures', () => {
	it('counts tasks on time, late, open and overdue, cancelled ones apart', () => {
		expect(f.tasks).toMatchObject({
			total: 5,
			onTime: 1,
			late: 1,
			open: 3,
			overdue: 1,
			cancelled: 1,
			accepted: 3,
			acceptedInTime: 2,
			onTimeRate: 0.5
		});
	});

	it('averages the hours to accept and to complete', () => {
		expect(f.tasks.avgHoursToAccept).toBe(12.3); // (2 + 30 + 5) / 3
		expect(f.tasks.avgHoursToComplete).toBe(50); // (40 + 60) / 2
	});

	it('breaks tasks and satisfaction down by lead unit, every unit listed', () => {
		expect(f.tasksByUnit).toHaveLength(8);
		const one = f.tasksByUnit.find((u) => u.id === t.unitId(1))!;
		const two = f.tasksByUnit.find((u) => u.id === t.unitId(2))!;
		const four = f.tasksByUnit.find((u) => u.id === t.unitId(4))!;
		expect(one).toMatchObject({ total: 2, onTime: 1, late: 1, open: 0, avgHoursToComplete: 50 });
		expect(one.satisfaction).toMatchObject({ mean: 3.67, count: 3 });
		expect(two).toMatchObject({ total: 2, open: 2, overdue: 1, cancelled: 1, onTimeRate: null });
		expect(four).toMatchObject({ total: 0, avgHoursToAccept: null });
		expect(two.links.all).toBe(
			`/tasks?status=pending%2Creturned%2Cin_progress%2Csubmitted%2Cdone&unit=${t.unitId(2)}&from=2020-01-01&to=2020-12-31`
		);
		expect(two.links.overdue).toBe(
			`/tasks?overdue=true&unit=${t.unitId(2)}&from=2020-01-01&to=2020-12-31`
		);
	});

	it('counts needs received and accepted within their limit, by category and community', () => {
		expect(f.needs).toMatchObject({
			received: 3,
			accepted: 2,
			acceptedInTime: 1,
			acceptedInTimeRate: 0.333
		});
		const parking = f.needsByCategory.find((c) => c.id === 'parking')!;
		expect(parking).toMatchObject({ name: '停车', received: 2, accepted: 1, acceptedInTime: 0 });
		expect(parking.satisfaction).toMatchObject({ mean: 2, count: 1 });
		const heping = f.needsByCommunity.find((c) => c.id === t.communityId('和平里社区'))!;
		expect(heping).toMatchObject({ received: 1, acceptedInTime: 1 });
		expect(heping.links.received).toContain(`community=${t.communityId('和平里社区')}`);
	});

	it('shows satisfaction as mean, count and distribution', () => {
		expect(f.satisfaction.mean).toBe(3.67);
		expect(f.satisfaction.count).toBe(3);
		expect(f.satisfaction.distribution.map((d) => d.count)).toEqual([0, 1, 0, 1, 1]);
	});

	it("puts each month's figures in the committee's time zone", () => {
		expect(f.monthly.map((m) => m.month)).toEqual(
			Array.from({ length: 12 }, (_, i) => `2020-${String(i + 1).padStart(2, '0')}`)
		);
		const by = Object.fromEntries(f.monthly.map((m) => [m.month, m]));
		expect(by['2020-01']!.tasksDispatched).toBe(0);
		expect(by['2020-02']!.tasksDispatched).toBe(1);
		expect(by['2020-03']).toMatchObject({
			tasksDispatched: 2,
			tasksOnTime: 1,
			tasksLate: 1,
			needsReceived: 3,
			ratings: 3
		});
		expect(by['2020-04']).toMatchObject({ tasksDispatched: 2, tasksOpen: 2 });
	});

	it('counts resolutions adopted, those with tasks and those whose tasks are all done', () => {
		const thisYear = periodOf({}, new Date(), TZ);
		const inPeriod = t.db
			.select()
			.from(resolutions)
			.all()
			.filter((r) => r.adoptedAt >= thisYear.start && r.adoptedAt < thisYear.end);
		expect(inPeriod.length).toBeGreaterThan(0);
		// Worked out independently from the rows, before and after one more task.
		const live = () =>
			t.db
				.select()
				.from(tasks)
				.all()
				.filter((x) => x.status !== 'cancelled');
		const expected = () => {
			const all = live();
			const of = (id: string) => all.filter((x) => x.resolutionId === id);
			return {
				adopted: inPeriod.length,
				withTasks: inPeriod.filter((r) => of(r.id).length > 0).length,
				completed: inPeriod.filter(
					(r) => of(r.id).length > 0 && of(r.id).every((x) => x.status === 'done')
				).length
			};
		};
		const figures = () =>
			dashboardView(t.db, t.actor('admin'), t.committeeId, thisYear, { locale: 'en' }).resolutions;
		expect(figures()).toMatchObject(expected());
		const before = figures();
		// A done task on a resolution without any completes it; an open one on another undoes it.
		const bare = inPeriod.find((r) => !live().some((x) => x.resolutionId === r.id));
		insertTask(t, {
			unit: 4,
			at: new Date(),
			dueInHours: 48,
			status: bare ? 'done' : 'in_progress',
			doneAfterHours: bare ? 0 : undefined,
			resolutionId: (bare ?? inPeriod[0]!).id
		});
		expect(figures()).toMatchObject(expected());
		expect(figures()).not.toEqual(before);
	});

	it('is refused to residents and liaisons', () => {
		for (const login of ['resident1', 'liaison1', 'member1']) {
			let status = 0;
			try {
				dashboardView(t.db, t.actor(login), t.committeeId, year2020, { locale: 'zh-CN' });
			} catch (e) {
				status = e instanceof AppError ? e.status : -1;
			}
			expect(status, login).toBe(403);
		}
	});
});

describe('CSV exports', () => {
	it("lists the period's tasks, a formula-like title defused, in the reader's language", () => {
		insertTask(t, {
			unit: 5,
			at: cst('2020-06-01T10:00:00'),
			dueInHours: 24,
			status: 'pending',
			title: '=HYPERLINK("http://evil")'
		});
		const csv = tasksCsv(t.db, t.actor('admin'), t.committeeId, year2020, 'zh-CN', NOW);
		const lines = csv.slice(1).split('\r\n');
		expect(lines[0]).toContain('"牵头单位"');
		// Header, 7 tasks of 2020 (the cancelled one too), the empty end.
		expect(lines).toHaveLength(9);
		expect(csv).toContain(`"'=HYPERLINK(""http://evil"")"`);
		expect(lines.find((l) => l.includes('2020-04-01 10:00'))).toContain('"是"'); // overdue
	});

	it("keeps private needs' titles from those who may not read them", () => {
		const id = insertNeed(t, { at: cst('2020-07-01T09:00:00'), title: '家中老人独居需要照看' });
		t.db.update(needs).set({ visibility: 'private' }).where(eq(needs.id, id)).run();
		expect(needsCsv(t.db, t.actor('admin'), t.committeeId, year2020, 'zh-CN')).toContain(
			'家中老人独居需要照看'
		);
		const chair = needsCsv(t.db, t.actor('chair'), t.committeeId, year2020, 'en');
		expect(chair).not.toContain('家中老人独居需要照看');
		expect(chair).toContain('(private need)');
		expect(() => needsCsv(t.db, t.actor('member1'), t.committeeId, year2020, 'en')).toThrow(
			AppError
		);
	});
});

describe('periods', () => {
	it('refuses a period that ends before it starts, or a day that does not exist', () => {
		expect(() => periodOf({ from: '2020-05-01', to: '2020-04-01' }, NOW, TZ)).toThrow(AppError);
		expect(() => periodOf({ from: '2020-02-30' }, NOW, TZ)).toThrow(AppError);
	});

	it('defaults to the last twelve whole months and today', () => {
		const p = periodOf({}, NOW, TZ);
		expect(p).toMatchObject({ from: '2020-01-01', to: '2020-12-01' });
		expect(p.end.toISOString()).toBe('2020-12-01T16:00:00.000Z');
	});
});
