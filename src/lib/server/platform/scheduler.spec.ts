import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { z } from 'zod';
import { eq } from 'drizzle-orm';
import { openDb, type Db } from '../db';
import { jobs } from '../db/schema';
import { cancel, defineJob, schedule } from './jobs';
import { createScheduler, type SchedulerOptions } from './scheduler';
import { countJob, createEffectTable, hangJob, testKinds } from './testing/scheduler-child';

const CHILD = path.resolve('src/lib/server/platform/testing/scheduler-child.ts');
const T0 = new Date('2026-03-01T08:00:00Z');

let dir: string;
let file: string;
let db: Db;
let clock: Date;

beforeEach(() => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yiting-scheduler-'));
	file = path.join(dir, 'yiting.db');
	db = openDb(file);
	createEffectTable(db);
	clock = T0;
});
afterEach(() => {
	db.$client.close();
	fs.rmSync(dir, { recursive: true, force: true });
});

const later = (ms: number) => new Date(T0.getTime() + ms);
const scheduler = (opts: Partial<SchedulerOptions> = {}) =>
	createScheduler({
		db,
		logger: pino({ level: 'silent' }),
		kinds: testKinds,
		now: () => clock,
		...opts
	});
const effect = (key: string, d: Db = db) =>
	(
		d.$client.prepare('select n from test_effect where key = ?').get(key) as
			{ n: number } | undefined
	)?.n ?? 0;
const job = (key: string) => db.select().from(jobs).where(eq(jobs.key, key)).get()!;

describe('the scheduler', () => {
	it('runs a job once, when it falls due and not before', () => {
		schedule(db, countJob, { key: 'a', dueAt: later(60_000), payload: { key: 'a', spinMs: 0 } });
		const s = scheduler();
		expect(s.runDue()).toBe(0);
		clock = later(59_999);
		expect(s.runDue()).toBe(0);
		expect(effect('a')).toBe(0);
		clock = later(60_000);
		expect(s.runDue()).toBe(1);
		expect(effect('a')).toBe(1);
		expect(job('a')).toMatchObject({ doneAt: later(60_000), attempts: 1, lastError: null });
		clock = later(3_600_000);
		expect(s.runDue()).toBe(0);
		expect(effect('a')).toBe(1);
	});

	it('keeps one job per key: scheduling it again moves it; cancelling drops it', () => {
		schedule(db, countJob, { key: 'a', dueAt: later(1000), payload: { key: 'a', spinMs: 0 } });
		schedule(db, countJob, { key: 'a', dueAt: later(5000), payload: { key: 'a', spinMs: 0 } });
		schedule(db, countJob, { key: 'b', dueAt: later(1000), payload: { key: 'b', spinMs: 0 } });
		cancel(db, 'b');
		expect(db.select().from(jobs).all()).toHaveLength(1);
		clock = later(1000);
		expect(scheduler().runDue()).toBe(0);
		clock = later(5000);
		expect(scheduler().runDue()).toBe(1);
	});

	it('runs, at start, the jobs that fell due while no server was running', () => {
		schedule(db, countJob, {
			key: 'missed',
			dueAt: later(1000),
			payload: { key: 'missed', spinMs: 0 }
		});
		schedule(db, countJob, {
			key: 'future',
			dueAt: later(86_400_000),
			payload: { key: 'future', spinMs: 0 }
		});
		clock = later(7_200_000);
		const s = scheduler();
		s.start();
		try {
			expect(effect('missed')).toBe(1);
			expect(effect('future')).toBe(0);
		} finally {
			s.stop();
		}
	});

	it('wakes by itself when a job falls due (real clock and timers)', async () => {
		const s = createScheduler({
			db,
			logger: pino({ level: 'silent' }),
			kinds: testKinds,
			pollMs: 60_000
		});
		s.start();
		try {
			schedule(db, countJob, {
				key: 'soon',
				dueAt: new Date(Date.now() + 150),
				payload: { key: 'soon', spinMs: 0 }
			});
			await expect.poll(() => effect('soon'), { timeout: 3000, interval: 20 }).toBe(1);
		} finally {
			s.stop();
		}
	});

	it('retries a failing job with backoff, then gives it up after its last attempt, leaving no effect', () => {
		let calls = 0;
		const flaky = defineJob({
			kind: 'test.flaky',
			payload: z.object({ key: z.string() }),
			maxAttempts: 3,
			run({ tx, payload }) {
				calls++;
				tx.run(`insert into test_effect (key, n, pid) values ('${payload.key}', 1, 0)`);
				throw new Error(`refused ${calls}`);
			}
		});
		const warnings: string[] = [];
		const logger = pino({ level: 'warn' }, { write: (line: string) => void warnings.push(line) });
		const s = createScheduler({ db, logger, kinds: [flaky], now: () => clock, backoffMs: 1000 });
		schedule(db, flaky, { key: 'f', dueAt: T0, payload: { key: 'f' } });
		expect(s.runDue()).toBe(0);
		expect(job('f')).toMatchObject({
			attempts: 1,
			dueAt: later(1000),
			doneAt: null,
			failedAt: null
		});
		expect(job('f').lastError).toContain('refused 1');
		clock = later(1000);
		s.runDue();
		expect(job('f')).toMatchObject({ attempts: 2, dueAt: later(3000), failedAt: null });
		clock = later(2999);
		s.runDue();
		expect(calls).toBe(2);
		clock = later(3000);
		s.runDue();
		expect(job('f')).toMatchObject({ attempts: 3, failedAt: later(3000), doneAt: null });
		expect(job('f').lastError).toContain('refused 3');
		clock = later(86_400_000);
		s.runDue();
		expect(calls).toBe(3);
		// Each failed run was rolled back with its effect.
		expect(effect('f')).toBe(0);
		expect(warnings.map((w) => JSON.parse(w).msg)).toEqual([
			'job failed; will retry',
			'job failed; will retry',
			'job failed for the last time; given up'
		]);
	});

	it('runs what follows a job only after its transaction commits, and never for a failed run', () => {
		const seen: number[] = [];
		const after = defineJob({
			kind: 'test.after',
			payload: z.object({ fail: z.boolean() }),
			maxAttempts: 1,
			run({ tx, payload, afterCommit }) {
				tx.run(`insert into test_effect (key, n, pid) values ('after', 1, 0)`);
				afterCommit(() => seen.push(effect('after')));
				if (payload.fail) throw new Error('no');
			}
		});
		const s = createScheduler({
			db,
			logger: pino({ level: 'silent' }),
			kinds: [after],
			now: () => clock
		});
		schedule(db, after, { key: 'x', dueAt: T0, payload: { fail: true } });
		s.runDue();
		expect(seen).toEqual([]);
		schedule(db, after, { key: 'y', dueAt: T0, payload: { fail: false } });
		s.runDue();
		expect(seen).toEqual([1]);
	});

	it('leaves jobs of kinds it does not know to a process that knows them', () => {
		schedule(db, hangJob, { key: 'h', dueAt: T0, payload: { key: 'h' } });
		const s = createScheduler({
			db,
			logger: pino({ level: 'silent' }),
			kinds: [countJob],
			now: () => clock
		});
		expect(s.runDue()).toBe(0);
		expect(job('h').doneAt).toBeNull();
		expect(() =>
			createScheduler({ db, logger: pino({ level: 'silent' }), kinds: [countJob, countJob] })
		).toThrow(/twice/);
	});
});

describe('the scheduler across processes', () => {
	it('a job killed half-way (SIGKILL inside its transaction) takes effect exactly once when run again', async () => {
		schedule(db, hangJob, { key: 'k', dueAt: new Date(Date.now() - 1000), payload: { key: 'k' } });
		const child = spawn(process.execPath, ['--import', 'tsx', CHILD, file, 'crash'], {
			stdio: ['ignore', 'pipe', 'pipe']
		});
		let out = '';
		child.stdout.on('data', (d: Buffer) => (out += d.toString()));
		child.stderr.on('data', (d: Buffer) => (out += d.toString()));
		await expect.poll(() => out, { timeout: 20_000, interval: 20 }).toContain('inside');
		const exited = new Promise((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
		child.kill('SIGKILL');
		expect(await exited).toBe('SIGKILL');
		// The write it made inside the transaction is gone, and the job is still pending.
		expect(effect('k')).toBe(0);
		expect(job('k')).toMatchObject({ doneAt: null, attempts: 0 });
		// A crash is not a failed run: the job runs again at once.
		const s = createScheduler({ db, logger: pino({ level: 'silent' }), kinds: testKinds });
		expect(s.runDue()).toBe(1);
		expect(s.runDue()).toBe(0);
		expect(effect('k')).toBe(1);
		expect(job('k').doneAt).not.toBeNull();
	}, 30_000);

	it('two pollers in two processes on one database run each job once', async () => {
		const keys = Array.from({ length: 40 }, (_, i) => `r${i}`);
		for (const key of keys)
			schedule(db, countJob, {
				key,
				dueAt: new Date(Date.now() - 1000),
				payload: { key, spinMs: 10 }
			});
		// Both start polling at the same moment, once both have loaded.
		const go = path.join(dir, 'go');
		let ready = 0;
		const run = () =>
			new Promise<number>((resolve, reject) => {
				const r = spawn(process.execPath, ['--import', 'tsx', CHILD, file, 'poll', go], {
					stdio: ['ignore', 'pipe', 'inherit']
				});
				let out = '';
				r.stdout.on('data', (d: Buffer) => {
					out += d.toString();
					if (d.toString().includes('ready') && ++ready === 2) fs.writeFileSync(go, '');
				});
				r.on('exit', (code) =>
					code === 0
						? resolve(Number(out.replace('ready', '').trim()))
						: reject(new Error(`poller exited with ${code}`))
				);
			});
		const ran = await Promise.all([run(), run()]);
		expect(ran[0]! + ran[1]!).toBe(keys.length);
		const rows = db.$client.prepare('select key, n from test_effect order by key').all() as {
			key: string;
			n: number;
		}[];
		expect(rows).toHaveLength(keys.length);
		expect(rows.every((r) => r.n === 1)).toBe(true);
		expect(
			db
				.select()
				.from(jobs)
				.all()
				.every((j) => j.doneAt !== null && j.attempts === 1)
		).toBe(true);
	}, 30_000);
});
