/**
 * The response-time limit of a need runs on the durable scheduler: a `need.overdue` job at the
 * need's respondBy time marks the moment on its timeline and tells the staff who handle the
 * queue, once. The scheduler's clock is controlled here; the real one in the restart test.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { and, eq, inArray } from 'drizzle-orm';
import path from 'node:path';
import { startApp, type TestApp } from '../helpers/app';
import { startServerProcess } from '../helpers/process';
import { loadActor } from '../../src/lib/server/auth/session';
import {
	committees,
	needEvents,
	notifications,
	roleAssignments
} from '../../src/lib/server/db/schema';
import { createNeed } from '../../src/lib/server/needs/needs';
import { acceptNeed } from '../../src/lib/server/needs/triage';

let t: TestApp;
let clock = new Date();
let committeeId: string;
let staff: string[];

beforeAll(async () => {
	t = await startApp({ scheduler: { now: () => clock } });
	committeeId = t.db.select().from(committees).get()!.id;
	// Those who see the queue of needs waiting for acceptance (see permissions: need.viewQueue).
	const grants = t.db
		.select()
		.from(roleAssignments)
		.where(
			and(
				eq(roleAssignments.committeeId, committeeId),
				inArray(roleAssignments.role, ['admin', 'chair', 'liaison', 'supervisor'])
			)
		)
		.all();
	staff = [...new Set(grants.map((g) => g.userId))].sort();
});
afterAll(() => t.close());

const raise = (title: string) =>
	createNeed(t.db, loadActor(t.db, t.userId('resident1')), committeeId, {
		title,
		description: '路灯坏了，晚上很暗。',
		category: 'safety',
		visibility: 'public'
	});
const overdueEvents = (needId: string) =>
	t.db
		.select()
		.from(needEvents)
		.where(and(eq(needEvents.needId, needId), eq(needEvents.kind, 'overdue')))
		.all();
const told = (needId: string) =>
	t.db
		.select()
		.from(notifications)
		.where(and(eq(notifications.kind, 'need.overdue'), eq(notifications.link, `/needs/${needId}`)))
		.all()
		.map((n) => n.userId)
		.sort();

describe('a need not accepted in time', () => {
	it('is marked on its timeline at its respondBy time and the queue staff are told once', () => {
		const need = raise('东门路灯不亮');
		clock = new Date(need.respondBy.getTime() - 1);
		t.app.scheduler.runDue();
		expect(overdueEvents(need.id)).toHaveLength(0);
		expect(told(need.id)).toEqual([]);
		clock = need.respondBy;
		t.app.scheduler.runDue();
		expect(overdueEvents(need.id)).toEqual([
			expect.objectContaining({ at: need.respondBy, actorId: null })
		]);
		expect(staff.length).toBeGreaterThan(3);
		expect(told(need.id)).toEqual(staff);
		expect(told(need.id)).not.toContain(t.userId('resident1'));
		clock = new Date(need.respondBy.getTime() + 7 * 86_400_000);
		t.app.scheduler.runDue();
		expect(overdueEvents(need.id)).toHaveLength(1);
		expect(told(need.id)).toEqual(staff);
	});

	it('is not marked or told about once it was accepted in time', () => {
		const need = raise('西门路灯不亮');
		acceptNeed(t.db, loadActor(t.db, t.userId('liaison1')), need.id);
		clock = new Date(need.respondBy.getTime() + 1);
		t.app.scheduler.runDue();
		expect(overdueEvents(need.id)).toHaveLength(0);
		expect(told(need.id)).toEqual([]);
	});
});

describe('a need that fell overdue while the server was down', () => {
	it('is marked and told about when the server starts again', async () => {
		const first = await startServerProcess();
		const dbFile = path.join(first.dataDir, 'yiting.db');
		expect(await first.stop()).toBe(0);
		const db = new Database(dbFile);
		const need = db
			.prepare("select id from need where status = 'submitted' order by created_at limit 1")
			.get() as { id: string };
		const job = db
			.prepare('select due_at, done_at from job where key = ?')
			.get(`need.overdue:${need.id}`) as { due_at: number; done_at: number | null };
		expect(job.done_at).toBeNull();
		// While it was down, the time to accept the need ran out.
		const past = Date.now() - 60_000;
		db.prepare('update need set respond_by = ? where id = ?').run(past, need.id);
		db.prepare('update job set due_at = ? where key = ?').run(past, `need.overdue:${need.id}`);
		const count = () =>
			(
				db
					.prepare("select count(*) n from need_event where need_id = ? and kind = 'overdue'")
					.get(need.id) as { n: number }
			).n;
		expect(count()).toBe(0);
		const second = await startServerProcess({ dataDir: first.dataDir });
		try {
			await expect.poll(count, { timeout: 10_000 }).toBe(1);
			const notified = db
				.prepare("select count(*) n from notification where kind = 'need.overdue' and link = ?")
				.get(`/needs/${need.id}`) as { n: number };
			expect(notified.n).toBeGreaterThan(0);
		} finally {
			expect(await second.stop()).toBe(0);
			db.close();
		}
	}, 60_000);
});
