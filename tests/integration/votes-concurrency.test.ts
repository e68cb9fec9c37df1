/**
 * One ballot per seat, and one result per vote, under load on the real built server: many
 * simultaneous casts by one voter over HTTP and several socket.io connections store one ballot;
 * a hundred voters casting while twenty close calls race them each get "counted" or "closed",
 * and every close returns the same frozen result.
 *
 * Build first: `npx vite build`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import type { Socket } from 'socket.io-client';
import { startServerProcess, type ServerProcess } from '../helpers/process';
import {
	addMembers,
	api,
	connectSocket,
	emit,
	openPoll,
	openServerDb,
	sessionCookie,
	userIdOf,
	type Caller,
	type Json
} from '../helpers/votes';
import { zhCN as zhBase } from '../../src/lib/i18n/zh-CN';
import { decisionsZhCN } from '../../src/lib/i18n/decisions.zh-CN';
import type { Result } from '../../src/lib/shared/result';

// The server answers from the whole catalogue: the base and the decisions' section.
const zhCN = { ...zhBase, ...decisionsZhCN };

let s: ServerProcess;
let url: string;
let db: Database.Database;
let chair: Caller;
const sockets: Socket[] = [];

beforeAll(async () => {
	s = await startServerProcess({ env: { LOG_LEVEL: 'warn' } });
	url = s.url;
	db = openServerDb(s);
	chair = { cookie: sessionCookie(db, userIdOf(db, 'chair')) };
});
afterAll(async () => {
	for (const k of sockets) k.close();
	db?.close();
	await s?.stop();
});

const connect = async (cookie: string) => {
	const k = await connectSocket(url, cookie);
	sockets.push(k);
	return k;
};

/** How a cast was answered, over either way in. */
type Answer =
	| { kind: 'counted'; code: string }
	| { kind: 'already' }
	| { kind: 'closed' }
	| { kind: 'limited' };

function httpAnswer(r: Awaited<ReturnType<typeof api>>): Answer {
	if (r.status === 201) return { kind: 'counted', code: r.body.trackingCode };
	if (r.status === 409 && r.body.detail === zhCN['err.vote.alreadyVoted'])
		return { kind: 'already' };
	if (r.status === 409 && r.body.detail === zhCN['err.vote.closed']) return { kind: 'closed' };
	throw new Error(`unexpected answer ${r.status} ${JSON.stringify(r.body)}`);
}

function socketAnswer(r: Result<{ trackingCode: string }>): Answer {
	if (r.ok) return { kind: 'counted', code: r.value.trackingCode };
	if (r.error.code === 'conflict' && r.error.message === zhCN['err.vote.alreadyVoted'])
		return { kind: 'already' };
	if (r.error.code === 'conflict' && r.error.message === zhCN['err.vote.closed'])
		return { kind: 'closed' };
	// One person's connections share one event budget: a flood from four of them is cut short.
	if (r.error.code === 'rate_limited') return { kind: 'limited' };
	throw new Error(`unexpected ack ${JSON.stringify(r)}`);
}

const stored = (voteId: string) =>
	db.prepare('select id, tracking_code code from ballot where vote_id = ?').all(voteId) as {
		id: string;
		code: string;
	}[];

describe('one voter casting 200 times at once', () => {
	it('stores exactly one ballot; every other answer is "already voted"', async () => {
		const poll = await openPoll(url, chair, { title: '关于社区食堂营业时间的意见' });
		const member = userIdOf(db, 'member1');
		// The same person on four connections (phone, tablet, two browser tabs) and over the API.
		const conns = await Promise.all(
			Array.from({ length: 4 }, () => connect(sessionCookie(db, member)))
		);
		const cookie = sessionCookie(db, member);
		const casts: Promise<Answer>[] = [];
		for (let i = 0; i < 200; i++) {
			const choice = ['yes', 'no', 'abstain'][i % 3];
			casts.push(
				i % 2 === 0
					? api(url, 'POST', `/votes/${poll.id}/ballots`, { cookie }, { choice }).then(httpAnswer)
					: emit<{ trackingCode: string }>(
							conns[(i >> 1) % conns.length]!,
							'vote:cast',
							{ voteId: poll.id, choice },
							20_000
						).then(socketAnswer)
			);
		}
		const answers = await Promise.all(casts);
		const counted = answers.filter((a) => a.kind === 'counted');
		expect(counted).toHaveLength(1);
		const limited = answers.filter((a) => a.kind === 'limited').length;
		expect(answers.filter((a) => a.kind === 'already')).toHaveLength(199 - limited);
		const box = stored(poll.id);
		expect(box).toHaveLength(1);
		expect(box[0]!.code).toBe((counted[0] as { code: string }).code);
		const roll = db
			.prepare('select cast_at from vote_roll where vote_id = ? and seat = ?')
			.get(poll.id, `u:${member}`) as { cast_at: number | null };
		expect(roll.cast_at).not.toBeNull();
		const got = await api(url, 'GET', `/votes/${poll.id}`, chair);
		expect(got.body.counts.cast).toBe(1);
	}, 60_000);
});

describe('100 voters racing 20 close calls', () => {
	it('every close returns the same result; each cast is counted or refused as closed', async () => {
		const voters = addMembers(db, 100, 'racer');
		const poll = await openPoll(url, chair, {
			title: '关于增设电动车充电桩的意见',
			secret: true
		});
		expect(poll.counts.eligible).toBe(109);
		const cookies = voters.map((v) => sessionCookie(db, v));
		// Half of them in the hall over socket.io, half through the API.
		const conns = await Promise.all(cookies.filter((_, i) => i % 2 === 0).map(connect));
		const chairConns = await Promise.all([connect(chair.cookie), connect(chair.cookie)]);

		const casts: Promise<Answer>[] = [];
		const closes: Promise<Json>[] = [];
		const close = (i: number) =>
			i % 4 === 3
				? emit<Json>(chairConns[i % 2]!, 'vote:close', { voteId: poll.id }, 20_000).then((r) => {
						if (!r.ok) throw new Error(JSON.stringify(r));
						// The socket gives times as the browser's clocks take them, the API as ISO 8601.
						const result = r.value.result as Json;
						return { ...result, closedAt: new Date(result.closedAt as number).toISOString() };
					})
				: api(url, 'POST', `/votes/${poll.id}/close`, chair).then((r) => {
						if (r.status !== 200) throw new Error(`${r.status} ${JSON.stringify(r.body)}`);
						return r.body;
					});
		// Everything is sent in one go, the closes among the ballots; the server sees them in
		// whatever order the connections deliver them.
		for (let i = 0; i < 100; i++) {
			if (i === 40) for (let k = 0; k < 20; k++) closes.push(close(k));
			const choice = ['yes', 'no', 'abstain'][i % 3];
			casts.push(
				i % 2 === 0
					? emit<{ trackingCode: string }>(
							conns[i >> 1]!,
							'vote:cast',
							{ voteId: poll.id, choice },
							20_000
						).then(socketAnswer)
					: api(url, 'POST', `/votes/${poll.id}/ballots`, { cookie: cookies[i]! }, { choice }).then(
							httpAnswer
						)
			);
		}
		const answers = await Promise.all(casts);
		const results = await Promise.all(closes);

		for (const r of results) expect(r).toEqual(results[0]);
		const result = results[0];
		expect(result.hash).toMatch(/^[0-9a-f]{64}$/);
		const counted = answers.filter((a) => a.kind === 'counted') as { code: string }[];
		const refused = answers.filter((a) => a.kind === 'closed');
		expect(counted.length + refused.length).toBe(100);
		// Something landed on each side of the close, or this proves little.
		expect(counted.length).toBeGreaterThan(0);
		expect(refused.length).toBeGreaterThan(0);
		const published = result.ballots.map((b: { trackingCode: string }) => b.trackingCode);
		expect(published).toHaveLength(counted.length);
		expect(new Set(published)).toEqual(new Set(counted.map((c) => c.code)));
		expect(result.totals.cast).toBe(counted.length);
		expect(stored(poll.id)).toHaveLength(counted.length);
		const marked = db
			.prepare('select count(*) n from vote_roll where vote_id = ? and cast_at is not null')
			.get(poll.id) as { n: number };
		expect(marked.n).toBe(counted.length);
		// Later readers see the same frozen result.
		const got = await api(url, 'GET', `/votes/${poll.id}`, chair);
		expect(got.body.result).toEqual(result);
		console.info(`counted ${counted.length}, refused as closed ${refused.length}`);
	}, 90_000);
});

describe('a committee that votes per member unit', () => {
	it('takes one ballot per unit when all its representatives cast at once', async () => {
		const reps = addMembers(db, 24, 'unitrep');
		// One vote per member unit is the committee's setting (no API changes it yet); a vote takes
		// it when it is created.
		db.prepare("update committee set vote_per = 'unit'").run();
		let poll: Json;
		try {
			poll = await openPoll(url, chair, { title: '关于共建单位轮值的意见' });
		} finally {
			db.prepare("update committee set vote_per = 'person'").run();
		}
		expect(poll.counts.eligible).toBe(8);
		const people = [
			...reps,
			...Array.from({ length: 8 }, (_, i) => userIdOf(db, `member${i + 1}`))
		];
		const answers = await Promise.all(
			people.map(async (userId, i) => {
				const cookie = sessionCookie(db, userId);
				const choice = ['yes', 'no'][i % 2];
				if (i % 2 === 0)
					return httpAnswer(
						await api(url, 'POST', `/votes/${poll.id}/ballots`, { cookie }, { choice })
					);
				const k = await connect(cookie);
				return socketAnswer(
					await emit<{ trackingCode: string }>(k, 'vote:cast', { voteId: poll.id, choice }, 20_000)
				);
			})
		);
		expect(answers.filter((a) => a.kind === 'counted')).toHaveLength(8);
		expect(answers.filter((a) => a.kind === 'already')).toHaveLength(people.length - 8);
		expect(stored(poll.id)).toHaveLength(8);
		const seats = db
			.prepare('select seat from vote_roll where vote_id = ? and cast_at is not null')
			.all(poll.id) as { seat: string }[];
		expect(seats).toHaveLength(8);
		expect(seats.every((r) => r.seat.startsWith('unit:'))).toBe(true);
	}, 60_000);
});
