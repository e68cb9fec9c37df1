import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Scheduled jobs (src/lib/server/platform/scheduler.ts). `key` names one firing (e.g.
 * `need.overdue:<needId>`), so scheduling the same thing twice keeps one job. A job is pending
 * until `done_at` (it took effect) or `failed_at` (it ran out of attempts) is set.
 */
export const jobs = sqliteTable(
	'job',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		kind: text('kind').notNull(),
		key: text('key').notNull().unique(),
		payload: text('payload').notNull().default('{}'),
		dueAt: integer('due_at', { mode: 'timestamp_ms' }).notNull(),
		attempts: integer('attempts').notNull().default(0),
		doneAt: integer('done_at', { mode: 'timestamp_ms' }),
		failedAt: integer('failed_at', { mode: 'timestamp_ms' }),
		lastError: text('last_error'),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [
		index('job_pending_due')
			.on(t.dueAt)
			.where(sql`done_at is null and failed_at is null`)
	]
);
export type Job = typeof jobs.$inferSelect;
