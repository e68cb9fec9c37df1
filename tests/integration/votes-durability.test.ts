/**
 * Ballots and a vote's clock survive a crash of the real built server (`kill -9`):
 *
 * - during a burst of ballots over socket.io and HTTP, every acknowledged ballot is there after
 *   the restart (acked ⊆ present ⊆ sent, one ballot per marked seat), and the count publishes
 *   every acknowledged tracking code;
 * - a countdown closes its vote on the server's clock once, though the server died before it
 *   was due;
 * - a poll's reminder falls due while the server is down and is sent once after the restart,
 *   and not again after another crash; a reminder already past when a short poll opens is never
 *   scheduled.
 *
 * Build first: `npx vite build`.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import type { Socket } from 'socket.io-client';
import { and, eq } from 'drizzle-orm';
import { startApp } from '../helpers/app';
import { startServerProcess, type ServerProcess } from '../helpers/process';
import {
	addMembers,
	api,
	connectSocket,
	emit,
	livePublicMeeting,
	openPoll,
	openServerDb,
	sessionCookie,
	userIdOf,
	type Caller
} from '../helpers/votes';
import { loadActor } from '../../src/lib/server/auth/session';
import { notifications } from '../../src/lib/server/db/schema';
import * as votes from '../../src/lib/server/votes';

const running: ServerProcess[] = [];
const dbs: Database.Database[] = [];
const sockets: Socket[] = [];
afterAll(async () => {
	for (const k of sockets) k.close();
	for (const d of dbs) d.close();
	for (const s of running) await s.stop('SIGKILL');
});

async function start(dataDir?: string) {
	const s = await startServerProcess({ dataDir, env: { LOG_LEVEL: 'warn' } });
	running.push(s);
	return s;
}

function dbOf(s: ServerProcess) {
	const d = openServerDb(s);
	dbs.push(d);
	return d;
}

describe('kill -9 in the middle of a burst of ballots', () => {
	it(
		'keeps every acknowledged ballot, and nothing that was not sent',
		{ timeout: 90_000 },
		async () => {
			const s1 = await start();
			const db1 = dbOf(s1);
			const voters = addMembers(db1, 80, 'burst');
			const chair: Caller = { cookie: sessionCookie(db1, userIdOf(db1, 'chair')) };
			const poll = await openPoll(s1.url, chair, { title: '关于小区停车收费的意见', secret: true });
			const cookies = voters.map((v) => sessionCookie(db1, v));
			const conns = await Promise.all(
				cookies.slice(0, 40).map(async (c) => {
					const k = await connectSocket(s1.url, c);
					sockets.push(k);
					return k;
				})
			);

			const acked = new Map<number, string>();
			const refused: number[] = [];
			const sent: Promise<void>[] = [];
			for (let i = 0; i < 80; i++) {
				const choice = ['yes', 'no', 'abstain'][i % 3];
				const cast: Promise<string | null> =
					i < 40
						? emit<{ trackingCode: string }>(conns[i]!, 'vote:cast', {
								voteId: poll.id,
								choice
							}).then((r) => (r.ok ? r.value.trackingCode : null))
						: api(
								s1.url,
								'POST',
								`/votes/${poll.id}/ballots`,
								{ cookie: cookies[i]! },
								{ choice }
							).then((r) => (r.status === 201 ? (r.body.trackingCode as string) : null));
				sent.push(
					cast.then(
						(code) => void (code ? acked.set(i, code) : refused.push(i)),
						() => undefined // no answer: the server died with it in flight
					)
				);
			}
			// Kill once some acks are in, while the rest are in flight.
			const killWhen = setInterval(() => {
				if (acked.size >= 20) {
					clearInterval(killWhen);
					s1.child.kill('SIGKILL');
				}
			}, 1);
			await Promise.all(sent);
			clearInterval(killWhen);
			await s1.stop('SIGKILL');
			for (const k of sockets.splice(0)) k.close();
			// A refusal here would be a bug: everyone was on the roll and cast once.
			expect(refused).toEqual([]);
			expect(acked.size).toBeGreaterThanOrEqual(20);

			const s2 = await start(s1.dataDir);
			const db2 = dbOf(s2);
			const box = db2
				.prepare('select tracking_code code from ballot where vote_id = ?')
				.all(poll.id) as { code: string }[];
			const codes = new Set(box.map((b) => b.code));
			for (const code of acked.values()) expect(codes).toContain(code);
			expect(box.length).toBeGreaterThanOrEqual(acked.size);
			expect(box.length).toBeLessThanOrEqual(80);
			expect(codes.size).toBe(box.length);
			// One ballot per marked seat (a seat is one roll row, so no seat has two); the marked seats
			// are those of people who sent a ballot, and include everyone who had an answer.
			const marked = (
				db2
					.prepare('select seat from vote_roll where vote_id = ? and cast_at is not null')
					.all(poll.id) as { seat: string }[]
			).map((r) => r.seat);
			expect(marked).toHaveLength(box.length);
			const senders = new Set(voters.map((v) => `u:${v}`));
			for (const seat of marked) expect(senders).toContain(seat);
			for (const i of acked.keys()) expect(marked).toContain(`u:${voters[i]}`);
			// The count after the restart publishes every acknowledged code.
			const chair2: Caller = { cookie: sessionCookie(db2, userIdOf(db2, 'chair')) };
			const closed = await api(s2.url, 'POST', `/votes/${poll.id}/close`, chair2);
			expect(closed.status).toBe(200);
			expect(closed.body.totals.cast).toBe(box.length);
			const published = new Set(
				closed.body.ballots.map((b: { trackingCode: string }) => b.trackingCode)
			);
			for (const code of acked.values()) expect(published).toContain(code);
			console.info(`sent 80, acknowledged ${acked.size}, stored ${box.length}`);
			await s2.stop();
		}
	);
});

describe("a vote's countdown across a crash", () => {
	it(
		'closes the vote on the server clock once, after the restart',
		{ timeout: 60_000 },
		async () => {
			const s1 = await start();
			const db1 = dbOf(s1);
			const chair: Caller = { cookie: sessionCookie(db1, userIdOf(db1, 'chair')) };
			const meetingId = await livePublicMeeting(s1.url, chair);
			const closesAt = Date.now() + 6000;
			const created = await api(s1.url, 'POST', '/votes', chair, {
				title: '关于延长议事时间的动议',
				meetingId,
				method: 'yna',
				secret: false,
				electorate: 'members',
				closesAt: new Date(closesAt).toISOString()
			});
			expect(created.status).toBe(201);
			const id = created.body.id as string;
			expect((await api(s1.url, 'POST', `/votes/${id}/open`, chair)).status).toBe(200);
			const member: Caller = { cookie: sessionCookie(db1, userIdOf(db1, 'member1')) };
			expect(
				(await api(s1.url, 'POST', `/votes/${id}/ballots`, member, { choice: 'yes' })).status
			).toBe(201);
			await s1.stop('SIGKILL');
			// It died before the countdown ran out.
			expect(Date.now()).toBeLessThan(closesAt);
			const s2 = await start(s1.dataDir);
			const db2 = dbOf(s2);
			const chair2: Caller = { cookie: sessionCookie(db2, userIdOf(db2, 'chair')) };
			await expect
				.poll(async () => (await api(s2.url, 'GET', `/votes/${id}`, chair2)).body.status, {
					timeout: 20_000,
					interval: 250
				})
				.toBe('closed');
			const vote = (await api(s2.url, 'GET', `/votes/${id}`, chair2)).body;
			expect(Date.parse(vote.closedAt)).toBeGreaterThanOrEqual(closesAt);
			expect(vote.result.totals.cast).toBe(1);
			expect(vote.result.outcome).toBe('adopted');
			const closes = () =>
				(
					db2
						.prepare("select count(*) n from audit_log where chain = ? and action = 'vote.close'")
						.get(`vote:${id}`) as { n: number }
				).n;
			expect(closes()).toBe(1);
			// Another crash and restart closes nothing twice and changes nothing.
			await s2.stop('SIGKILL');
			const s3 = await start(s1.dataDir);
			const db3 = dbOf(s3);
			const chair3: Caller = { cookie: sessionCookie(db3, userIdOf(db3, 'chair')) };
			expect((await api(s3.url, 'GET', `/votes/${id}`, chair3)).body.result).toEqual(vote.result);
			expect((await api(s3.url, 'POST', `/votes/${id}/close`, chair3)).body).toEqual(vote.result);
			expect(
				(
					db3
						.prepare("select count(*) n from audit_log where chain = ? and action = 'vote.close'")
						.get(`vote:${id}`) as { n: number }
				).n
			).toBe(1);
			await s3.stop();
		}
	);
});

describe("a poll's reminders across a crash", () => {
	it(
		'sends each reminder that fell due while the server was down once, across crashes',
		{ timeout: 90_000 },
		async () => {
			const s1 = await start();
			const db1 = dbOf(s1);
			const chair: Caller = { cookie: sessionCookie(db1, userIdOf(db1, 'chair')) };
			const poll = await openPoll(s1.url, chair, {
				title: '关于垃圾分类督导的意见',
				closesAt: new Date(Date.now() + 30 * 3600_000).toISOString()
			});
			const member1: Caller = { cookie: sessionCookie(db1, userIdOf(db1, 'member1')) };
			expect(
				(await api(s1.url, 'POST', `/votes/${poll.id}/ballots`, member1, { choice: 'no' })).status
			).toBe(201);
			const key = `vote.remind:${poll.id}:24h`;
			const job = db1.prepare('select due_at, done_at from job where key = ?').get(key) as {
				due_at: number;
				done_at: number | null;
			};
			expect(job.done_at).toBeNull();
			expect(job.due_at).toBe(Date.parse(poll.closesAt) - 24 * 3600_000);
			await s1.stop('SIGKILL');
			// While it was down, the 24 h mark passed.
			db1.prepare('update job set due_at = ? where key = ?').run(Date.now() - 60_000, key);
			const reminded = (login: string) =>
				(
					db1
						.prepare(
							"select count(*) n from notification where kind = 'vote.reminder' and user_id = ? and link = ?"
						)
						.get(userIdOf(db1, login), `/votes/${poll.id}`) as { n: number }
				).n;
			expect(reminded('member2')).toBe(0);
			const s2 = await start(s1.dataDir);
			await expect.poll(() => reminded('member2'), { timeout: 15_000 }).toBe(1);
			// Those who voted are not reminded; nor is anyone off the roll.
			expect(reminded('member1')).toBe(0);
			expect(reminded('resident1')).toBe(0);
			const done = db1.prepare('select done_at from job where key = ?').get(key) as {
				done_at: number | null;
			};
			expect(done.done_at).not.toBeNull();
			await s2.stop('SIGKILL');
			// Down again, and the 1 h mark passes too: the restart sends that one, and the 24 h one not again.
			db1
				.prepare('update job set due_at = ? where key = ?')
				.run(Date.now() - 1000, `vote.remind:${poll.id}:1h`);
			const s3 = await start(s1.dataDir);
			await expect.poll(() => reminded('member2'), { timeout: 15_000 }).toBe(2);
			const befores = (
				db1
					.prepare(
						"select params from notification where kind = 'vote.reminder' and user_id = ? and link = ?"
					)
					.all(userIdOf(db1, 'member2'), `/votes/${poll.id}`) as { params: string }[]
			).map((n) => (JSON.parse(n.params) as { before: string }).before);
			expect(befores.sort()).toEqual(['1h', '24h']);
			expect(reminded('member1')).toBe(0);
			await s3.stop();
		}
	);

	it(
		'schedules no reminder that would come before a short poll opened',
		{ timeout: 60_000 },
		async () => {
			const s1 = await start();
			const db1 = dbOf(s1);
			const chair: Caller = { cookie: sessionCookie(db1, userIdOf(db1, 'chair')) };
			const poll = await openPoll(s1.url, chair, {
				title: '关于今晚停水通知的确认',
				closesAt: new Date(Date.now() + 30 * 60_000).toISOString()
			});
			const keys = (
				db1.prepare('select key from job where key like ?').all(`%${poll.id}%`) as {
					key: string;
				}[]
			).map((j) => j.key);
			expect(keys).toEqual([`vote.close:${poll.id}`]);
			await s1.stop();
		}
	);
});

describe("a poll's 24 h and 1 h reminders on the scheduler's clock", () => {
	it('sends each once, across a restart between them', { timeout: 60_000 }, async () => {
		let clock = new Date();
		const first = await startApp({ scheduler: { now: () => clock } });
		const actor = (login: string) => loadActor(first.db, first.userId(login));
		const closesAt = new Date(Date.now() + 30 * 3600_000);
		const id = votes.createVote(first.db, actor('chair'), {
			title: '关于楼道堆物清理的意见',
			method: 'yna',
			secret: true,
			trackingCodes: true,
			liveResults: false,
			electorate: 'members',
			meetingId: null,
			closesAt
		});
		votes.openVote(first.db, actor('chair'), id);
		votes.castBallot(first.db, actor('member1'), id, { choice: 'yes' });
		const ids = { member1: first.userId('member1'), member2: first.userId('member2') };
		const reminders = (db: typeof first.db, userId: string) =>
			db
				.select()
				.from(notifications)
				.where(and(eq(notifications.userId, userId), eq(notifications.kind, 'vote.reminder')))
				.all()
				.map((n) => (JSON.parse(n.params) as { before: string }).before);

		clock = new Date(closesAt.getTime() - 24 * 3600_000 - 1000);
		first.app.scheduler.runDue();
		expect(reminders(first.db, ids.member2)).toEqual([]);
		clock = new Date(closesAt.getTime() - 24 * 3600_000 + 1000);
		first.app.scheduler.runDue();
		first.app.scheduler.runDue();
		expect(reminders(first.db, ids.member2)).toEqual(['24h']);
		expect(reminders(first.db, ids.member1)).toEqual([]);
		await first.close();

		// A second server on the same database, its clock past the 1 h mark.
		clock = new Date(closesAt.getTime() - 3600_000 + 1000);
		const second = await startApp({
			dataDir: first.dataDir,
			seed: false,
			scheduler: { now: () => clock }
		});
		second.app.scheduler.runDue();
		second.app.scheduler.runDue();
		expect(reminders(second.db, ids.member2)).toEqual(['24h', '1h']);
		expect(reminders(second.db, ids.member1)).toEqual([]);
		clock = new Date(closesAt.getTime() + 1000);
		second.app.scheduler.runDue();
		expect(reminders(second.db, ids.member2)).toEqual(['24h', '1h']);
		const v = votes.getVote(second.db, loadActor(second.db, ids.member1), id);
		expect(v.status).toBe('closed');
		// Closed by the countdown, at the time the server's clock said.
		expect(v.closedAt).toBe(clock.getTime());
		await second.close();
	});
});
