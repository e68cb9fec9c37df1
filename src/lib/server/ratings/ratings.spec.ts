import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { and, eq } from 'drizzle-orm';
import { jobs, needEvents, needs, ratings, taskEvents } from '../db/schema';
import { AppError } from '../errors';
import { demoDb, type TestDb } from '../seed/test-db';
import { createScheduler } from '../platform/scheduler';
import { jobKinds } from '../jobs';
import { DEFAULT_RATING_DAYS } from '../../shared/tasks/options';
import { accept, approve, dispatch, doneNeed } from './spec-fixture';
import * as rate from '.';

let t: TestDb;
beforeAll(async () => {
	t = await demoDb();
});
afterAll(() => t.close());

function refusal(fn: () => unknown): string {
	try {
		fn();
		return 'ok';
	} catch (err) {
		if (err instanceof AppError) return `${err.status} ${err.key}`;
		throw err;
	}
}

const status = (needId: string) =>
	t.db.select({ s: needs.status }).from(needs).where(eq(needs.id, needId)).get()!.s;

describe('a resident rates a need', () => {
	it('once: the submitter and a supporter each once, a second time 409', () => {
		const { needId, taskId } = doneNeed(t, { supporters: ['resident2'] });
		const r = rate.rateNeed(t.db, t.actor('resident2'), needId, { score: 4, comment: '修得快' });
		expect(r).toMatchObject({ score: 4, comment: '修得快', channel: 'online', taskId });
		expect(refusal(() => rate.rateNeed(t.db, t.actor('resident2'), needId, { score: 5 }))).toBe(
			'409 err.ratings.already'
		);
		expect(t.db.select().from(ratings).where(eq(ratings.needId, needId)).all()).toHaveLength(1);
		// The task's timeline and the need's both record it.
		const te = t.db
			.select()
			.from(taskEvents)
			.where(and(eq(taskEvents.taskId, taskId), eq(taskEvents.kind, 'rated')))
			.all();
		expect(te).toHaveLength(1);
		const ne = t.db
			.select()
			.from(needEvents)
			.where(and(eq(needEvents.needId, needId), eq(needEvents.kind, 'rating')))
			.all();
		expect(ne).toHaveLength(1);
		// A supporter's rating leaves the need waiting for the others.
		expect(status(needId)).toBe('done');
		rate.rateNeed(t.db, t.actor('resident1'), needId, { score: 5 });
		expect(status(needId)).toBe('rated');
	});

	it('403 for anyone who neither raised nor supported it, staff included', () => {
		const { needId } = doneNeed(t, { supporters: ['resident2'] });
		for (const who of ['resident3', 'member1', 'admin', 'supervisor'])
			expect(
				refusal(() => rate.rateNeed(t.db, t.actor(who), needId, { score: 3 })),
				who
			).toBe('403 err.forbidden');
	});

	it('409 with a clear message before a task answering it is done', () => {
		const { needId, taskId } = doneNeed(t, { approve: false });
		expect(refusal(() => rate.rateNeed(t.db, t.actor('resident1'), needId, { score: 5 }))).toBe(
			'409 err.ratings.notDone'
		);
		approve(t, taskId);
		expect(refusal(() => rate.rateNeed(t.db, t.actor('resident1'), needId, { score: 5 }))).toBe(
			'ok'
		);
	});

	it('shows residents the scores and comments but not who gave them; staff see the names', () => {
		const { needId } = doneNeed(t, { supporters: ['resident2'] });
		rate.rateNeed(t.db, t.actor('resident2'), needId, { score: 2, comment: '还是暗' });
		const seen = rate.needRatings(t.db, t.actor('resident3'), needId);
		expect(seen).toMatchObject({ average: 2, count: 1, canRate: false });
		expect(seen.items[0]).toMatchObject({ comment: '还是暗', raterName: null });
		const own = rate.needRatings(t.db, t.actor('resident2'), needId);
		expect(own.mine?.raterName).not.toBeNull();
		expect(rate.needRatings(t.db, t.actor('admin'), needId).items[0]!.raterName).not.toBeNull();
		expect(rate.needRatings(t.db, t.actor('resident1'), needId).canRate).toBe(true);
	});
});

describe('staff enter a rating on a resident’s behalf', () => {
	it('marked as such, for a supporter only, and counted as that resident’s once', () => {
		const { needId } = doneNeed(t, { supporters: ['resident2'] });
		const input = {
			score: 3,
			comment: '电话回访',
			userId: t.userId('resident2'),
			channel: 'phone' as const
		};
		expect(refusal(() => rate.enterRating(t.db, t.actor('member1'), needId, input))).toBe(
			'403 err.forbidden'
		);
		expect(
			refusal(() =>
				rate.enterRating(t.db, t.actor('liaison1'), needId, {
					...input,
					userId: t.userId('resident3')
				})
			)
		).toBe('422 err.validation');
		const r = rate.enterRating(t.db, t.actor('liaison1'), needId, input);
		expect(r).toMatchObject({ channel: 'phone', enteredBy: t.userId('liaison1') });
		const view = rate.needRatings(t.db, t.actor('resident3'), needId);
		expect(view.items[0]).toMatchObject({ onBehalf: true, enteredByName: null });
		expect(rate.needRatings(t.db, t.actor('admin'), needId).items[0]!.enteredByName).not.toBeNull();
		expect(refusal(() => rate.rateNeed(t.db, t.actor('resident2'), needId, { score: 5 }))).toBe(
			'409 err.ratings.already'
		);
	});
});

describe('closing a need', () => {
	it('by the job after the rating days, if nobody closed it first; scheduled by the approval', () => {
		const start = new Date();
		const { needId } = doneNeed(t, { supporters: ['resident2'] });
		const job = t.db
			.select()
			.from(jobs)
			.where(eq(jobs.key, `need.ratingClose:${needId}`))
			.get();
		expect(job).toBeDefined();
		expect(job!.dueAt.getTime() - start.getTime()).toBeGreaterThanOrEqual(
			DEFAULT_RATING_DAYS * 86_400_000 - 5_000
		);
		let clock = new Date(job!.dueAt.getTime() - 60_000);
		const s = createScheduler({
			db: t.db,
			logger: pino({ level: 'silent' }),
			kinds: jobKinds,
			now: () => clock
		});
		s.runDue();
		expect(status(needId)).toBe('done');
		clock = new Date(job!.dueAt.getTime() + 1000);
		s.runDue();
		expect(status(needId)).toBe('rated');
		const closed = t.db
			.select()
			.from(needEvents)
			.where(and(eq(needEvents.needId, needId), eq(needEvents.kind, 'rated')))
			.all();
		expect(closed).toHaveLength(1);
		expect(JSON.parse(closed[0]!.detail)).toEqual({ by: 'timeout' });
		// A supporter may still rate what was done after the close.
		expect(refusal(() => rate.rateNeed(t.db, t.actor('resident2'), needId, { score: 4 }))).toBe(
			'ok'
		);
	});

	it('at once when the submitter rates, and its job is dropped', () => {
		const { needId } = doneNeed(t);
		rate.rateNeed(t.db, t.actor('resident1'), needId, { score: 5 });
		expect(status(needId)).toBe('rated');
		const job = t.db
			.select()
			.from(jobs)
			.where(eq(jobs.key, `need.ratingClose:${needId}`))
			.get();
		expect(job).toBeUndefined();
	});
});

describe('reopening', () => {
	it('only a need rated 1–2, by the secretary: back to the board, linked to its first attempt', () => {
		const good = doneNeed(t);
		rate.rateNeed(t.db, t.actor('resident1'), good.needId, { score: 3 });
		expect(refusal(() => rate.reopenNeed(t.db, t.actor('admin'), good.needId))).toBe(
			'409 err.ratings.notReopenable'
		);
		const poor = doneNeed(t);
		rate.rateNeed(t.db, t.actor('resident1'), poor.needId, { score: 2, comment: '没修好' });
		expect(refusal(() => rate.reopenNeed(t.db, t.actor('chair'), poor.needId))).toBe(
			'403 err.forbidden'
		);
		expect(rate.needRatings(t.db, t.actor('admin'), poor.needId).canReopen).toBe(true);
		rate.reopenNeed(t.db, t.actor('admin'), poor.needId, '重新派单');
		expect(status(poor.needId)).toBe('accepted');
		const e = t.db
			.select()
			.from(needEvents)
			.where(and(eq(needEvents.needId, poor.needId), eq(needEvents.kind, 'reopened')))
			.get()!;
		expect(JSON.parse(e.detail)).toMatchObject({ taskIds: [poor.taskId], score: 2 });
		// The first attempt's rating stays on the record; rating waits for the second attempt's task.
		expect(t.db.select().from(ratings).where(eq(ratings.needId, poor.needId)).all()).toHaveLength(
			1
		);
		const view = rate.needRatings(t.db, t.actor('resident1'), poor.needId);
		expect(view).toMatchObject({ taskDone: false, count: 1 });
		expect(refusal(() => rate.reopenNeed(t.db, t.actor('admin'), poor.needId))).toBe(
			'409 err.ratings.notReopenable'
		);
		const second = dispatch(t, [poor.needId]);
		accept(t, second);
		approve(t, second);
		expect(rate.needRatings(t.db, t.actor('resident1'), poor.needId).taskDone).toBe(true);
	});
});
