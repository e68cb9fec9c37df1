/**
 * Crash rounds (issue 11, faults): while voters cast ballots, units accept tasks, report progress
 * and hand them in, and the chair and the recorder edit the minutes, the real built server is
 * killed with `kill -9` at a random moment, then started again on the same data directory and
 * port. After every restart:
 *
 * - every ballot, progress report and task step a client was answered for is there (and nothing
 *   more than was sent);
 * - the stored minutes hold every edit any editor still has once it has reconnected (the editors
 *   go on editing while the server is down);
 * - every reminder that fell due (a poll's 24 h reminder, a task's "due soon", a meeting vote's
 *   countdown), before or after a crash, was sent exactly once — counted in the notifications,
 *   the task timeline and the audit log, again after the last round.
 *
 * 3 rounds by default (about 30 s); YITING_LONG=1 runs 20. YITING_CRASH_SEED replays a run.
 * Build first: `npx vite build`.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import * as Y from 'yjs';
import { freePort, startServerProcess, type ServerProcess } from '../helpers/process';
import {
	addMembers,
	api,
	livePublicMeeting,
	openPoll,
	openServerDb,
	sessionCookie,
	userIdOf,
	type Caller
} from '../helpers/votes';
import { waitFor } from '../helpers/yjs-client';
import {
	castBallots,
	connectVoters,
	MinutesEditor,
	missing,
	newAcks,
	rng,
	sleep,
	workTask,
	type Acks
} from '../helpers/crash';
import { minutesDoc } from '../../src/lib/shared/doc-names';

const ROUNDS = process.env.YITING_LONG ? 20 : 3;
const SEED = Number(process.env.YITING_CRASH_SEED ?? Date.now() % 1_000_000);
const DAY = 86_400_000;

let server: ServerProcess | undefined;
let db: Database.Database | undefined;
const editors: MinutesEditor[] = [];
afterAll(async () => {
	for (const e of editors) e.client.destroy();
	db?.close();
	await server?.stop('SIGKILL');
});

/** A reminder that should fire once: where to count it. */
interface Reminder {
	what: string;
	kind: string;
	link: string;
	/** Someone who must be among its recipients. */
	surely: string;
	/** Its timeline entry or audit record, which must also be there once. */
	once: { sql: string; arg: string };
}

const count = (sql: string, ...args: unknown[]) =>
	(db!.prepare(sql).get(...args) as { n: number }).n;

function storedMinutes(name: string): Y.Doc {
	const d = new Y.Doc();
	for (const r of db!
		.prepare('select "update" u from doc_update where doc_name = ? order by seq')
		.all(name) as { u: Buffer }[])
		Y.applyUpdate(d, new Uint8Array(r.u));
	return d;
}

function expectAcked(acks: Acks): void {
	for (const b of acks.ballots)
		expect(
			count(
				'select count(*) n from ballot where vote_id = ? and tracking_code = ?',
				b.voteId,
				b.code
			),
			`ballot ${b.code}`
		).toBe(1);
	for (const r of acks.reports)
		expect(count('select count(*) n from task_report where id = ?', r.id), `report ${r.id}`).toBe(
			1
		);
	const rank = ['pending', 'in_progress', 'submitted'];
	for (const [taskId, status] of acks.status) {
		const now = (
			db!.prepare('select status from task where id = ?').get(taskId) as { status: string }
		).status;
		// Later than acknowledged is allowed (a step done but not answered); earlier is a lost step.
		expect(
			rank.indexOf(now),
			`task ${taskId}: acknowledged ${status}, found ${now}`
		).toBeGreaterThanOrEqual(rank.indexOf(status));
	}
	const votes = [...acks.votes];
	const stored = count(
		`select count(*) n from ballot where vote_id in (${votes.map(() => '?').join(',')})`,
		...votes
	);
	expect(stored).toBeGreaterThanOrEqual(acks.ballots.length);
	expect(stored).toBeLessThanOrEqual(acks.sent.ballots);
}

function expectOnce(r: Reminder): void {
	const per = db!
		.prepare(
			'select user_id u, count(*) n from notification where kind = ? and link = ? group by user_id'
		)
		.all(r.kind, r.link) as { u: string; n: number }[];
	expect(
		per.map((p) => p.u),
		`${r.what}: recipients`
	).toContain(r.surely);
	for (const p of per) expect(p.n, `${r.what}: sent to ${p.u} ${p.n} times`).toBe(1);
	expect(count(r.once.sql, r.once.arg), `${r.what}: ${r.once.sql}`).toBe(1);
}

describe('kill -9 at random moments while people vote, report and edit the minutes', () => {
	it(
		`${ROUNDS} rounds: nothing acknowledged is lost, no reminder lost or sent twice`,
		// A restart on a loaded machine can take as long as TEST_START_MS allows.
		{ timeout: 30_000 + ROUNDS * (20_000 + Number(process.env.TEST_START_MS ?? 10_000)) },
		async () => {
			const rand = rng(SEED);
			console.info(`crash rounds: ${ROUNDS}, YITING_CRASH_SEED=${SEED}`);
			const port = await freePort();
			const start = async (dataDir?: string) =>
				(server = await startServerProcess({ dataDir, port, env: { LOG_LEVEL: 'warn' } }));
			const s1 = await start();
			const dataDir = s1.dataDir;
			db = openServerDb(s1);
			const url = s1.url;
			const as = (login: string): Caller => ({ cookie: sessionCookie(db!, userIdOf(db!, login)) });
			const chair = as('chair');
			const admin = as('admin');
			const liaisons = [1, 2, 3, 4, 5, 6].map((i) => as(`liaison${i}`));
			const unitOf = (i: number) =>
				(
					db!
						.prepare(
							'select unit_id id from role_assignment where user_id = ? and unit_id is not null'
						)
						.get(userIdOf(db!, `liaison${i}`)) as { id: string }
				).id;
			const voterCookies = addMembers(db, 24, 'crash').map((id) => sessionCookie(db!, id));
			const meetingId = await livePublicMeeting(url, chair);
			const minutes = minutesDoc(meetingId);
			const wsUrl = url.replace('http', 'ws');
			for (const [login, tag] of [
				['chair', 'c'],
				['recorder', 'r'],
				['chair', 'c2']
			] as const)
				editors.push(new MinutesEditor(wsUrl, minutes, as(login).cookie, url, tag));
			await Promise.all(editors.map((e) => e.client.synced));
			for (const e of editors) e.start(60 + Math.floor(rand() * 60));

			const acks = newAcks();
			const reminders: Reminder[] = [];
			for (let round = 1; round <= ROUNDS; round++) {
				// Timers that fall due in the next seconds: before, during or after the crash.
				const soon = () => Date.now() + 5000 + rand() * 5000;
				const poll = await openPoll(url, chair, {
					title: `第${round}轮：关于楼道照明的意见`,
					closesAt: new Date(soon() + DAY).toISOString()
				});
				reminders.push({
					what: `round ${round} poll reminder`,
					kind: 'vote.reminder',
					link: `/votes/${poll.id}`,
					surely: userIdOf(db, 'member2'),
					once: {
						sql: 'select count(*) n from job where key = ? and done_at is not null',
						arg: `vote.remind:${poll.id}:24h`
					}
				});
				const t0 = Date.now();
				const countdown = await api(url, 'POST', '/votes', chair, {
					title: `第${round}轮：延长议事时间`,
					meetingId,
					method: 'yna',
					secret: false,
					electorate: 'members',
					closesAt: new Date(soon()).toISOString()
				});
				expect(countdown.status, `${Date.now() - t0} ms: ${JSON.stringify(countdown.body)}`).toBe(
					201
				);
				expect((await api(url, 'POST', `/votes/${countdown.body.id}/open`, chair)).status).toBe(
					200
				);
				const dueSoon = await api(url, 'POST', '/tasks', admin, {
					title: `第${round}轮：清理楼顶积水`,
					leadUnitId: unitOf(5 + (round % 2)),
					dueAt: new Date(soon() + DAY).toISOString()
				});
				expect(dueSoon.status).toBe(201);
				reminders.push({
					what: `round ${round} task due soon`,
					kind: 'task.dueSoon',
					link: `/tasks/${dueSoon.body.id}`,
					surely: userIdOf(db, `liaison${5 + (round % 2)}`),
					once: {
						sql: "select count(*) n from task_event where task_id = ? and kind = 'due_soon'",
						arg: dueSoon.body.id
					}
				});
				// The countdown's close is its once-only record; it notifies nobody, so it is checked apart.
				const closes = `vote:${countdown.body.id}`;
				const work = await Promise.all(
					[1, 2, 3, 4].map(async (i) => {
						const r = await api(url, 'POST', '/tasks', admin, {
							title: `第${round}轮：修复${i}号楼门禁`,
							leadUnitId: unitOf(i),
							dueAt: new Date(Date.now() + 7 * DAY).toISOString()
						});
						expect(r.status).toBe(201);
						return { id: r.body.id as string, liaison: liaisons[i - 1]! };
					})
				);

				// The round: everyone at work, and the server killed somewhere in the middle of it.
				const voters = await connectVoters(
					url,
					voterCookies.slice(((round - 1) * 8) % 24, (((round - 1) * 8) % 24) + 8)
				);
				const mark = (what: string) =>
					process.env.DEBUG_CRASH && console.info(`${Date.now() - t0} ms: ${what}`);
				mark('ready');
				const busy = Promise.all([
					castBallots(voters, poll.id, 1200, rand, acks),
					...work.map((t) => workTask(url, t.liaison, t.id, rand, acks))
				]);
				// Some of each kind answered first (a loaded machine is slow to start), then a random
				// moment: most ballots, steps and reports are then in flight or still to come.
				const had = { ballots: acks.ballots.length, reports: acks.reports.length };
				const latest = Date.now() + 10_000;
				while (
					(acks.ballots.length === had.ballots || acks.reports.length === had.reports) &&
					Date.now() < latest
				)
					await sleep(5);
				await sleep(rand() * 600);
				server!.child.kill('SIGKILL');
				await busy;
				await server!.stop('SIGKILL');
				await sleep(rand() * 500); // down for a moment; the editors go on editing

				mark('killed');
				await start(dataDir);
				mark('restarted');
				expectAcked(acks);
				await waitFor(() => editors.every((e) => e.live), 15_000);
				// Once reconnected, each editor's copy (with what it wrote while the server was down) is stored.
				await waitFor(() => {
					const stored = storedMinutes(minutes);
					return editors.every((e) => Object.keys(missing(stored, e.client.doc)).length === 0);
				}, 15_000);
				mark('minutes stored');
				// This round's timers come due within seconds (some before the crash): each is done. The
				// poll's reminder is not scheduled when opening the poll took longer than its lead (a
				// loaded machine): then there is nothing to send, and nothing is.
				const keys = [
					`vote.remind:${poll.id}:24h`,
					`vote.close:${countdown.body.id}`,
					`task.dueSoon:${dueSoon.body.id}`
				];
				const jobs = () =>
					db!
						.prepare(
							`select key, due_at, done_at, attempts, last_error from job where key in (?, ?, ?)`
						)
						.all(...keys) as { key: string; done_at: number | null }[];
				expect(jobs().length).toBeGreaterThanOrEqual(2);
				await waitFor(() => jobs().every((j) => j.done_at !== null), 20_000).catch(() => {
					throw new Error(`timers not done: ${JSON.stringify(jobs())}`);
				});
				if (!jobs().some((j) => j.key === keys[0])) {
					console.info(`round ${round}: the poll opened too late for its reminder`);
					reminders.splice(
						reminders.findIndex((r) => r.link === `/votes/${poll.id}`),
						1
					);
				}
				mark('timers done');
				for (const r of reminders) expectOnce(r);
				expect(
					count(
						"select count(*) n from audit_log where chain = ? and action = 'vote.close'",
						closes
					)
				).toBe(1);
				console.info(
					`round ${round}: ${acks.ballots.length}/${acks.sent.ballots} ballots, ${acks.reports.length}/${acks.sent.reports} reports, ${acks.status.size} tasks acknowledged; ${editors.reduce((n, e) => n + e.edits, 0)} edits`
				);
			}

			// After the last round: the editors stop, and every edit any of them holds is stored.
			for (const e of editors) e.stop();
			await waitFor(() => {
				const stored = storedMinutes(minutes);
				return editors.every((e) => Object.keys(missing(stored, e.client.doc)).length === 0);
			}, 15_000);
			expectAcked(acks);
			for (const r of reminders) expectOnce(r);
			expect(acks.ballots.length).toBeGreaterThan(0);
			expect(acks.reports.length).toBeGreaterThan(0);
		}
	);
});
