/**
 * The durable scheduler: jobs stored in SQLite (the `job` table) run when they fall due, at
 * start-up (so jobs that fell due while the server was down run then) and on a timer that wakes
 * at the next due time. A job's effect and its "done" mark commit in one transaction, so a crash
 * half-way rolls both back and the job runs again: it takes effect exactly once. The transaction
 * is BEGIN IMMEDIATE and the mark is a conditional UPDATE, so two processes polling one database
 * never both run a job.
 */
import { and, asc, eq, inArray, isNull, lte, min } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Db } from '../db';
import { jobs, type Job } from '../db/schema';
import { wakeListeners, type JobKind } from './jobs';

export interface SchedulerOptions {
	db: Db;
	logger: Logger;
	/** The job kinds this process runs (src/lib/server/jobs.ts); others wait for a process that knows them. */
	kinds: readonly JobKind<unknown>[];
	/** The clock; tests pass a controllable one. */
	now?: () => Date;
	/** Longest sleep between polls, in ms (default 60 s): catches jobs other processes schedule. */
	pollMs?: number;
	/** First retry delay after a failed run, in ms (default 30 s), doubled on each further failure. */
	backoffMs?: number;
}

export interface Scheduler {
	/** Run what is due now, then keep running jobs as they fall due. */
	start(): void;
	stop(): void;
	/** Run what is due now (at most `limit` jobs), one transaction each; returns how many took effect. */
	runDue(limit?: number): number;
}

const DEFAULT_MAX_ATTEMPTS = 5;
/** Jobs run back to back before the timer yields to I/O. */
const BATCH = 50;

/** Thrown inside a job's transaction when another poller marked it done first: undoes this run. */
class AlreadyDone extends Error {}

export function createScheduler(opts: SchedulerOptions): Scheduler {
	const { db, logger } = opts;
	const now = opts.now ?? (() => new Date());
	const pollMs = opts.pollMs ?? 60_000;
	const backoffMs = opts.backoffMs ?? 30_000;
	const registry = new Map<string, JobKind<unknown>>();
	for (const k of opts.kinds) {
		if (registry.has(k.kind)) throw new Error(`job kind ${k.kind} is registered twice`);
		registry.set(k.kind, k);
	}
	const known = [...registry.keys()];
	const pending = (at: Date) =>
		and(isNull(jobs.doneAt), isNull(jobs.failedAt), inArray(jobs.kind, known), lte(jobs.dueAt, at));

	/** Claim and run the oldest due job; returns it, or null when none is due. */
	function runOne(): { job: Job; ok: boolean } | null {
		const at = now();
		const after: (() => void)[] = [];
		let job: Job | undefined;
		try {
			db.transaction(
				(tx) => {
					job = tx
						.select()
						.from(jobs)
						.where(pending(at))
						.orderBy(asc(jobs.dueAt), asc(jobs.id))
						.limit(1)
						.get();
					if (!job) return;
					const kind = registry.get(job.kind)!;
					kind.run({
						tx,
						payload: kind.payload.parse(JSON.parse(job.payload)),
						now: at,
						job,
						afterCommit: (fn) => after.push(fn)
					});
					const marked = tx
						.update(jobs)
						.set({ doneAt: at, attempts: job.attempts + 1, lastError: null })
						.where(and(eq(jobs.id, job.id), isNull(jobs.doneAt)))
						.run();
					if (marked.changes !== 1) throw new AlreadyDone();
				},
				{ behavior: 'immediate' }
			);
		} catch (err) {
			if (!job || err instanceof AlreadyDone) return job ? { job, ok: false } : null;
			failed(job, err, at);
			return { job, ok: false };
		}
		if (!job) return null;
		for (const fn of after) {
			try {
				fn();
			} catch (err) {
				logger.error({ err, job: job.key }, 'a job took effect but its follow-up failed');
			}
		}
		logger.debug({ job: job.key }, 'job done');
		return { job, ok: true };
	}

	/** Count a failed run (its effect was rolled back): retry later, or give up after the last attempt. */
	function failed(job: Job, err: unknown, at: Date) {
		const attempts = job.attempts + 1;
		const max = registry.get(job.kind)?.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
		const giveUp = attempts >= max;
		const retryAt = new Date(at.getTime() + backoffMs * 2 ** (attempts - 1));
		db.update(jobs)
			.set({
				attempts,
				lastError: String(err instanceof Error ? (err.stack ?? err.message) : err).slice(0, 2000),
				dueAt: giveUp ? job.dueAt : retryAt,
				failedAt: giveUp ? at : null
			})
			.where(and(eq(jobs.id, job.id), isNull(jobs.doneAt), eq(jobs.attempts, job.attempts)))
			.run();
		if (giveUp)
			logger.error({ err, job: job.key, attempts }, 'job failed for the last time; given up');
		else logger.warn({ err, job: job.key, attempts, retryAt }, 'job failed; will retry');
	}

	function runDue(limit = Infinity): number {
		let done = 0;
		for (let i = 0; i < limit; i++) {
			const r = runOne();
			if (!r) break;
			if (r.ok) done++;
		}
		return done;
	}

	let timer: NodeJS.Timeout | undefined;
	let running = false;

	function arm(delay?: number) {
		clearTimeout(timer);
		if (!running) return;
		if (delay === undefined) {
			const next = db
				.select({ at: min(jobs.dueAt) })
				.from(jobs)
				.where(pending(new Date(8.64e15)))
				.get()?.at;
			delay = next ? Math.min(Math.max(next.getTime() - now().getTime(), 0), pollMs) : pollMs;
		}
		timer = setTimeout(tick, delay);
		// The scheduler never keeps the process alive on its own.
		timer.unref();
	}

	function tick() {
		let ran = 0;
		try {
			ran = runDue(BATCH);
		} catch (err) {
			logger.error({ err }, 'the scheduler could not poll');
		}
		arm(ran === BATCH ? 0 : undefined);
	}

	const wake = () => arm();

	return {
		start() {
			if (running) return;
			running = true;
			wakeListeners().add(wake);
			tick();
		},
		stop() {
			running = false;
			wakeListeners().delete(wake);
			clearTimeout(timer);
		},
		runDue: (limit?: number) => runDue(limit)
	};
}
