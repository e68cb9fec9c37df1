/**
 * Job kinds and scheduling, for the durable scheduler (scheduler.ts). A domain defines its kinds
 * in its own folder with `defineJob` and schedules them inside the transaction of the change
 * that calls for them; src/lib/server/jobs.ts lists the kinds the server runs.
 */
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { DbLike } from '../db';
import { jobs, type Job } from '../db/schema';

/** What a job's handler gets: the transaction its effect and its "done" mark commit in. */
export interface JobContext<P> {
	tx: DbLike;
	payload: P;
	/** The scheduler's clock: the moment the job runs. */
	now: Date;
	job: Job;
	/** Run `fn` once the transaction has committed (live pushes, never writes). */
	afterCommit(fn: () => void): void;
}

export interface JobKind<P> {
	/** `domain.name`, stored with each job; the registry refuses two kinds of one name. */
	kind: string;
	/** Payloads come back from JSON: they are parsed before the handler sees them. */
	payload: z.ZodType<P>;
	/** Do the job's work inside `ctx.tx`. Synchronous: it holds the database's write lock. */
	run(ctx: JobContext<P>): void;
	/** How many failed runs before the job is given up (default 5). A crash is not a failed run. */
	maxAttempts?: number;
}

export function defineJob<P>(def: JobKind<P>): JobKind<P> {
	return def;
}

export interface ScheduleInput<P> {
	/** Names one firing: scheduling the same key again moves that job instead of adding one. */
	key: string;
	dueAt: Date;
	payload: P;
}

const WAKE = Symbol.for('yiting.scheduler.wake');
type G = typeof globalThis & { [WAKE]?: Set<() => void> };

/** The running schedulers of this process (the SvelteKit bundle and server/ share it). */
export function wakeListeners(): Set<() => void> {
	return ((globalThis as G)[WAKE] ??= new Set());
}

/**
 * Schedule (or move) a job, inside the caller's transaction. A job already done or given up
 * under the same key is armed again: the key stands for "this should happen at dueAt".
 */
export function schedule<P>(db: DbLike, kind: JobKind<P>, input: ScheduleInput<P>): void {
	const payload = JSON.stringify(kind.payload.parse(input.payload));
	db.insert(jobs)
		.values({ kind: kind.kind, key: input.key, payload, dueAt: input.dueAt, createdAt: new Date() })
		.onConflictDoUpdate({
			target: jobs.key,
			set: {
				kind: kind.kind,
				payload,
				dueAt: input.dueAt,
				attempts: 0,
				doneAt: null,
				failedAt: null,
				lastError: null
			}
		})
		.run();
	// Deferred: the caller's transaction is synchronous, so this runs after it commits and the
	// scheduler sees the job (or after a rollback, and finds nothing new).
	for (const wake of wakeListeners()) setImmediate(wake);
}

/** Drop a pending job (the thing it was for no longer needs it). */
export function cancel(db: DbLike, key: string): void {
	db.run(sql`delete from job where key = ${key} and done_at is null`);
}
