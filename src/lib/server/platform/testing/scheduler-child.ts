/**
 * Job kinds for the scheduler's tests, and a child process that runs them on a database file
 * (`node --import tsx scheduler-child.ts <db> <mode>`), so the tests can kill a poller half-way
 * through a job or race two pollers in separate processes.
 *
 * Modes: `crash` runs due jobs and stops inside the first job's transaction, after its write,
 * saying "inside" on stdout until it is killed; `poll` says "ready", waits until the file given as
 * the third argument exists (so that two pollers start together), runs due jobs until none are
 * left and prints how many took effect.
 */
import { sql } from 'drizzle-orm';
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import pino from 'pino';
import { z } from 'zod';
import { openDb, type Db, type DbLike } from '../../db';
import { defineJob } from '../jobs';
import { createScheduler } from '../scheduler';

/** The table the test jobs write their effect to: one row per key, counting how often it ran. */
export function createEffectTable(db: Db): void {
	db.$client.exec(
		'create table if not exists test_effect (key text primary key, n integer not null, pid integer not null)'
	);
}

function bump(tx: DbLike, key: string) {
	tx.run(
		sql`insert into test_effect (key, n, pid) values (${key}, 1, ${process.pid}) on conflict (key) do update set n = n + 1`
	);
}

export const countJob = defineJob({
	kind: 'test.count',
	payload: z.object({ key: z.string(), spinMs: z.number().default(0) }),
	run({ tx, payload }) {
		bump(tx, payload.key);
		// Hold the transaction a moment, so that racing pollers overlap.
		const until = Date.now() + payload.spinMs;
		while (Date.now() < until);
	}
});

const shared = new Int32Array(new SharedArrayBuffer(4));

/** Writes its effect, then waits inside the transaction to be killed (only in `crash` mode). */
export const hangJob = defineJob({
	kind: 'test.hang',
	payload: z.object({ key: z.string() }),
	run({ tx, payload }) {
		bump(tx, payload.key);
		if (process.argv[3] !== 'crash') return;
		process.stdout.write('inside\n');
		// Block this thread (and so the open transaction) until SIGKILL arrives.
		for (;;) Atomics.wait(shared, 0, 0, 1000);
	}
});

export const testKinds = [countJob, hangJob];

function main(file: string, mode: string, goFile: string) {
	const db = openDb(file);
	createEffectTable(db);
	const scheduler = createScheduler({ db, logger: pino({ level: 'silent' }), kinds: testKinds });
	if (mode === 'crash') {
		scheduler.runDue();
		process.stdout.write('finished without being killed\n');
		return;
	}
	process.stdout.write('ready\n');
	while (!fs.existsSync(goFile));
	process.stdout.write(`${scheduler.runDue()}\n`);
	db.$client.close();
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href)
	main(process.argv[2]!, process.argv[3]!, process.argv[4] ?? '');
