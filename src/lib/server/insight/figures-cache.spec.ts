import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { needEvents, needs, ratings, tasks, units } from '../db/schema';
import { demoDb, type TestDb } from '../seed/test-db';
import { computeFigures, dashboardView, type DashboardFigures } from './dashboard';
import { dataVersion } from './figures-cache';
import { periodOf } from './period';
import { insertNeed, insertRating, insertTask } from './test-fixtures';

const TZ = 'Asia/Shanghai';
const cst = (s: string) => new Date(`${s}+08:00`);
// 2021 is this spec's own year: neither the demo nor the dashboard spec writes in it.
const year = periodOf({ from: '2021-01-01', to: '2021-12-31' }, new Date(), TZ);
const NOW = cst('2021-12-01T12:00:00');

/** A random generator with a seed, so a failing sequence can be replayed. */
function rng(seed: number) {
	let s = seed >>> 0;
	return () => {
		s = (s * 1664525 + 1013904223) >>> 0;
		return s / 2 ** 32;
	};
}

const strip = ({ generatedAt: _, ...f }: DashboardFigures) => f;

let t: TestDb;
beforeAll(async () => {
	t = await demoDb();
});

const view = (now = NOW, locale = 'zh-CN') =>
	dashboardView(t.db, t.actor('admin'), t.committeeId, year, { locale, now });
const fresh = (now = NOW, locale = 'zh-CN') =>
	computeFigures(t.db, t.committeeId, year, { locale, now });

describe('the dashboard figures kept between calls', () => {
	it('are reused while nothing changed, and equal a fresh computation after every random change', () => {
		const rand = rng(20211201);
		const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)]!;
		const day = () =>
			cst(
				`2021-${String(1 + Math.floor(rand() * 11)).padStart(2, '0')}-1${Math.floor(rand() * 9)}T10:00:00`
			);
		const taskIds: string[] = [];
		const needIds: string[] = [];
		const changes: Record<string, () => void> = {
			newNeed: () =>
				needIds.push(insertNeed(t, { at: day(), category: pick(['safety', 'parking']) })),
			acceptNeed: () => {
				const id = pick(needIds);
				t.db
					.insert(needEvents)
					.values({ needId: id, at: NOW, actorId: t.userId('admin'), kind: 'accepted' })
					.run();
			},
			declineNeed: () =>
				t.db
					.update(needs)
					.set({ status: 'declined' })
					.where(eq(needs.id, pick(needIds)))
					.run(),
			newTask: () =>
				taskIds.push(
					insertTask(t, {
						unit: 1 + Math.floor(rand() * 3),
						at: day(),
						dueInHours: Math.floor(rand() * 2000),
						status: pick(['pending', 'in_progress'] as const),
						needId: needIds.length ? pick(needIds) : undefined
					})
				),
			approve: () => {
				const id = pick(taskIds);
				t.db
					.update(tasks)
					.set({ status: 'done', doneAt: new Date(NOW.getTime() - 3600_000) })
					.where(eq(tasks.id, id))
					.run();
			},
			cancel: () =>
				t.db
					.update(tasks)
					.set({ status: 'cancelled' })
					.where(eq(tasks.id, pick(taskIds)))
					.run(),
			moveLead: () =>
				t.db
					.update(tasks)
					.set({ leadUnitId: t.unitId(4) })
					.where(eq(tasks.id, pick(taskIds)))
					.run(),
			rate: () =>
				insertRating(t, {
					needId: pick(needIds),
					taskId: pick(taskIds),
					login: `resident${1 + Math.floor(rand() * 3)}`,
					score: 1 + Math.floor(rand() * 5),
					at: day()
				}),
			rescore: () =>
				t.db
					.update(ratings)
					.set({ score: 1 + Math.floor(rand() * 5) })
					.run(),
			renameUnit: () =>
				t.db
					.update(units)
					.set({ name: `单位 ${Math.floor(rand() * 1000)}` })
					.where(eq(units.id, t.unitId(2)))
					.run()
		};
		needIds.push(insertNeed(t, { at: cst('2021-02-01T09:00:00') }));
		taskIds.push(
			insertTask(t, { unit: 1, at: cst('2021-02-02T09:00:00'), dueInHours: 48, status: 'pending' })
		);
		const kinds = Object.keys(changes);
		for (let i = 0; i < 60; i++) {
			const first = view();
			// Nothing changed: the second call is the first one's figures, not computed again.
			expect(view().tasksByUnit).toBe(first.tasksByUnit);
			const kind = i < 2 * kinds.length ? kinds[i % kinds.length]! : pick(kinds);
			try {
				changes[kind]!();
			} catch {
				// A rating twice by one resident is refused by its unique index: nothing changed.
			}
			expect(strip(view()), `after ${kind} (step ${i})`).toEqual(strip(fresh()));
		}
		expect(strip(view(NOW, 'en'))).toEqual(strip(fresh(NOW, 'en')));
	});

	it('counts an approved task at once', () => {
		const id = insertTask(t, {
			unit: 5,
			at: cst('2021-06-01T10:00:00'),
			dueInHours: 48,
			status: 'submitted'
		});
		const unit5 = () => view().tasksByUnit.find((u) => u.id === t.unitId(5))!;
		const before = unit5().onTime;
		t.db
			.update(tasks)
			.set({ status: 'done', doneAt: cst('2021-06-02T10:00:00') })
			.where(eq(tasks.id, id))
			.run();
		expect(unit5().onTime).toBe(before + 1);
	});

	it('turns an open task overdue when its due time passes, with no write', () => {
		insertTask(t, {
			unit: 6,
			at: cst('2021-11-30T12:00:00'),
			dueInHours: 25,
			status: 'in_progress'
		});
		const unit6 = (now: Date) => view(now).tasksByUnit.find((u) => u.id === t.unitId(6))!.overdue;
		const before = unit6(NOW);
		expect(unit6(cst('2021-12-01T13:00:00'))).toBe(before);
		expect(unit6(cst('2021-12-01T13:00:01'))).toBe(before + 1);
		expect(strip(view(cst('2021-12-01T13:00:01')))).toEqual(
			strip(fresh(cst('2021-12-01T13:00:01')))
		);
	});

	it('keeps nothing from a transaction that was rolled back', () => {
		const v = dataVersion(t.db);
		const before = strip(view());
		expect(() =>
			t.db.transaction((tx) => {
				tx.update(tasks)
					.set({ status: 'cancelled' })
					.where(eq(tasks.committeeId, t.committeeId))
					.run();
				expect(dataVersion(tx)).toBeGreaterThan(v);
				expect(
					dashboardView(tx, t.actor('admin'), t.committeeId, year, { locale: 'zh-CN', now: NOW })
						.tasks.total
				).toBe(0);
				throw new Error('rolled back');
			})
		).toThrow('rolled back');
		expect(dataVersion(t.db)).toBe(v);
		expect(strip(view())).toEqual(before);
	});

	it('is not bumped by a progress update, which no figure reads', () => {
		const v = dataVersion(t.db);
		t.db
			.update(tasks)
			.set({ progress: 40, updatedAt: NOW })
			.where(eq(tasks.committeeId, t.committeeId))
			.run();
		expect(dataVersion(t.db)).toBe(v);
	});
});
