import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { tasks } from '../db/schema';
import { demoDb, type TestDb } from './test-db';
import { createScheduler } from '../platform/scheduler';
import { jobKinds } from '../jobs';
import { listNotices } from '../supervision';
import { insertTask } from '../supervision/testing/tasks';
import { seedDemoSupervision } from './supervision';

const DAY = 86_400_000;
let t: TestDb;
beforeAll(async () => {
	t = await demoDb();
});
afterAll(() => t.close());

describe('the demo supervision', () => {
	it('puts a replied, a late and an awaiting notice on the oldest overdue tasks', () => {
		t.db.delete(tasks).run();
		const now = new Date();
		for (const [unit, days] of [
			[1, 12],
			[2, 8],
			[3, 4],
			[4, -3]
		] as const)
			insertTask(t.db, {
				committeeId: t.committeeId,
				leadUnitId: t.unitId(unit),
				dueAt: new Date(now.getTime() - days * DAY)
			});
		seedDemoSupervision(t.db, t.committeeId, now);
		const notices = listNotices(t.db, t.actor('supervisor'), {}, now);
		expect(notices.map((n) => [n.unitId, n.status]).sort()).toEqual(
			[
				[t.unitId(1), 'replied'],
				[t.unitId(2), 'late'],
				[t.unitId(3), 'awaiting']
			].sort()
		);
		// The awaiting one's deadline is armed; the late one is not flagged a second time.
		const s = createScheduler({
			db: t.db,
			logger: pino({ level: 'silent' }),
			kinds: jobKinds,
			now: () => new Date(now.getTime() + 3 * DAY)
		});
		s.runDue();
		const after = listNotices(t.db, t.actor('supervisor'), {}, new Date(now.getTime() + 3 * DAY));
		expect(after.filter((n) => n.status === 'late')).toHaveLength(2);
		expect(after.filter((n) => n.lateAt)).toHaveLength(2);
	});
});
