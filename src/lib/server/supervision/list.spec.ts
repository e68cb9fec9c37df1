import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isNotNull } from 'drizzle-orm';
import { needs, resolutions, taskNeeds, tasks } from '../db/schema';
import { AppError } from '../errors';
import { demoDb, type TestDb } from '../seed/test-db';
import { supervisionList, type SupervisionFilter } from '.';
import { insertTask } from './testing/tasks';

const DAY = 86_400_000;
const NOW = new Date('2031-05-10T02:00:00Z');
const at = (days: number) => new Date(NOW.getTime() + days * DAY);

let t: TestDb;
let ids: Record<string, string>;
let communityId: string;
beforeAll(async () => {
	t = await demoDb();
	// Only the tasks written here: whatever the demo holds is not this spec's business.
	t.db.delete(tasks).run();
	const resolution = t.db.select().from(resolutions).get()!;
	const need = t.db.select().from(needs).where(isNotNull(needs.communityId)).get()!;
	communityId = need.communityId!;
	const make = (title: string, unit: number, o: Partial<typeof tasks.$inferInsert> = {}) =>
		insertTask(t.db, {
			committeeId: t.committeeId,
			leadUnitId: t.unitId(unit),
			title,
			...(o as { dueAt: Date })
		}).id;
	ids = {
		late10: make('逾期十天', 1, { dueAt: at(-10.5) }),
		late2: make('逾期两天', 2, {
			dueAt: at(-2.2),
			status: 'pending',
			acceptBy: at(-5),
			resolutionId: resolution.id
		}),
		soon: make('明天到期', 3, { dueAt: at(1.5) }),
		later: make('下月到期', 1, { dueAt: at(30) }),
		doneLate: make('超期办结', 2, { dueAt: at(-20), status: 'done', doneAt: at(-17) }),
		doneOk: make('按期办结', 3, { dueAt: at(-19), status: 'done', doneAt: at(-21) })
	};
	insertTask(t.db, {
		committeeId: t.committeeId,
		leadUnitId: t.unitId(4),
		coUnitIds: [t.unitId(1)],
		title: '协办任务',
		dueAt: at(3)
	});
	t.db.insert(taskNeeds).values({ taskId: ids.soon!, needId: need.id }).run();
});
afterAll(() => t.close());

const list = (f: SupervisionFilter = {}, login = 'supervisor') =>
	supervisionList(t.db, t.actor(login), { now: NOW, ...f });
const titles = (f: SupervisionFilter = {}) => list(f).items.map((r) => r.title);

describe('the supervision list', () => {
	it('shows every task with its lateness in whole days', () => {
		const page = list();
		expect(page.total).toBe(7);
		const row = (id: string) => page.items.find((r) => r.id === id)!;
		expect(row(ids.late10!)).toMatchObject({ overdue: true, daysLate: 10, daysLeft: null });
		expect(row(ids.late2!)).toMatchObject({ overdue: true, daysLate: 2, acceptLate: true });
		expect(row(ids.soon!)).toMatchObject({ overdue: false, daysLate: 0, daysLeft: 1 });
		expect(row(ids.doneLate!)).toMatchObject({ overdue: false, daysLate: 3 });
		expect(row(ids.doneOk!)).toMatchObject({ overdue: false, daysLate: 0 });
		expect(row(ids.late10!).leadUnitName).not.toBe('');
	});

	it('filters: overdue only, due within days, status, unit (lead or co-unit), community, resolution', () => {
		expect(titles({ overdue: true })).toEqual(['逾期十天', '逾期两天']);
		expect(titles({ dueWithinDays: 3 })).toEqual(['明天到期', '协办任务']);
		expect(titles({ status: ['done'] }).sort()).toEqual(['按期办结', '超期办结'].sort());
		expect(titles({ unitId: t.unitId(1) })).toEqual(['逾期十天', '协办任务', '下月到期']);
		expect(titles({ communityId })).toEqual(['明天到期']);
		const r = list().items.find((i) => i.id === ids.late2)!;
		expect(r.resolutionNumber).toMatch(/^\d{4}-\d{3}$/);
		expect(titles({ resolutionId: r.resolutionId! })).toEqual(['逾期两天']);
		expect(titles({ overdue: true, unitId: t.unitId(2) })).toEqual(['逾期两天']);
	});

	it('sorts by due date, by lateness (most late first) and by unit, both ways', () => {
		expect(titles({ sort: 'due' })).toEqual([
			'超期办结',
			'按期办结',
			'逾期十天',
			'逾期两天',
			'明天到期',
			'协办任务',
			'下月到期'
		]);
		expect(titles({ sort: 'due', dir: 'desc' })[0]).toBe('下月到期');
		expect(titles({ sort: 'lateness' }).slice(0, 3)).toEqual(['逾期十天', '超期办结', '逾期两天']);
		expect(titles({ sort: 'lateness', dir: 'asc' }).slice(-1)).toEqual(['逾期十天']);
		const units = list({ sort: 'unit' }).items.map((r) => r.leadUnitName);
		expect(units).toEqual([...units].sort());
		expect(list({ sort: 'unit', dir: 'desc' }).items.map((r) => r.leadUnitName)).toEqual(
			[...units].reverse().sort().reverse()
		);
	});

	it('pages with a cursor: every task once, in order', () => {
		const first = list({ limit: 3 });
		expect(first.items).toHaveLength(3);
		expect(first.nextCursor).not.toBeNull();
		const second = list({ limit: 3, cursor: first.nextCursor! });
		const third = list({ limit: 3, cursor: second.nextCursor! });
		expect(third.nextCursor).toBeNull();
		expect([...first.items, ...second.items, ...third.items].map((r) => r.title)).toEqual(titles());
	});

	it('overdue by lateness keeps the order of lateness, and a narrow filter counts on every page', () => {
		const lateOpen = (dir: 'asc' | 'desc') =>
			titles({
				sort: 'lateness',
				dir,
				status: ['pending', 'returned', 'in_progress', 'submitted']
			}).filter((x) => ['逾期十天', '逾期两天'].includes(x));
		expect(titles({ overdue: true, sort: 'lateness' })).toEqual(lateOpen('desc'));
		expect(titles({ overdue: true, sort: 'lateness', dir: 'asc' })).toEqual(lateOpen('asc'));
		const unit = { unitId: t.unitId(1), limit: 2 };
		const first = list(unit);
		const second = list({ ...unit, cursor: first.nextCursor! });
		expect([first.total, second.total]).toEqual([3, 3]);
		expect(second.nextCursor).toBeNull();
		const past = list({ ...unit, cursor: Buffer.from('9').toString('base64url') });
		expect([past.items.length, past.total]).toEqual([0, 3]);
	});

	it('is for the secretary, the chair and supervisors only', () => {
		expect(list({}, 'chair').total).toBe(7);
		expect(list({}, 'admin').total).toBe(7);
		for (const login of ['liaison1', 'member1', 'recorder', 'resident1']) {
			try {
				list({}, login);
				expect.unreachable(login);
			} catch (err) {
				expect((err as AppError).status, login).toBe(403);
			}
		}
	});
});
