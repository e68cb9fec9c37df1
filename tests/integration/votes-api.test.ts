/**
 * The fixed points of the decisions API (issue 9's table) against the real built server: create,
 * open, cast, close, read a vote; resolutions by meeting; a motion's text history; a ballot cast
 * in the hall over socket.io is the same ballot the API knows. Every refusal is problem+json in
 * the caller's language and writes nothing.
 *
 * Build first: `npx vite build`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import type { Socket } from 'socket.io-client';
import { startServerProcess, type ServerProcess } from '../helpers/process';
import {
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
import { en as enBase } from '../../src/lib/i18n/en';
import { decisionsEn } from '../../src/lib/i18n/decisions.en';
import { zhCN as zhBase } from '../../src/lib/i18n/zh-CN';
import { decisionsZhCN } from '../../src/lib/i18n/decisions.zh-CN';

// The server answers from the whole catalogue: the base and the decisions' section.
const en = { ...enBase, ...decisionsEn };
const zhCN = { ...zhBase, ...decisionsZhCN };

let s: ServerProcess;
let url: string;
let db: Database.Database;
let meetingId: string;
let itemId: string;
let needId: string;
/** What the agenda item carries once our need is put on it (the demo puts one there too). */
let itemNeeds: string[];
const who: Record<string, Caller> = {};
const sockets: Socket[] = [];

beforeAll(async () => {
	s = await startServerProcess({ env: { LOG_LEVEL: 'warn' } });
	url = s.url;
	db = openServerDb(s);
	for (const login of ['chair', 'admin', 'member1', 'member2', 'member3', 'supervisor'])
		who[login] = { cookie: sessionCookie(db, userIdOf(db, login)) };
	// A resident of 滨河社区, whose residents the public demo meeting is for.
	const resident = db
		.prepare(
			`select r.user_id id from role_assignment r join community c on c.id = r.community_id
			 where r.role = 'resident' and c.name = '滨河社区' limit 1`
		)
		.get() as { id: string };
	who.resident = { cookie: sessionCookie(db, resident.id) };
	// member3 reads the API in English (their profile's language).
	expect((await api(url, 'PATCH', '/me', who.member3!, { locale: 'en' })).status).toBe(200);
	meetingId = await livePublicMeeting(url, who.chair!);
	const agenda = await api(url, 'GET', `/meetings/${meetingId}/agenda`, who.chair!);
	itemId = agenda.body.items[0].id;
	const needs = await api(url, 'GET', '/needs?limit=50', who.admin!);
	needId = (needs.body.items as { id: string; status: string }[]).find((n) =>
		['submitted', 'accepted'].includes(n.status)
	)!.id;
	const put = await api(url, 'POST', `/meetings/${meetingId}/agenda/needs`, who.chair!, {
		needIds: [needId],
		itemId
	});
	expect(put.status, JSON.stringify(put.body)).toBe(200);
	const after = await api(url, 'GET', `/meetings/${meetingId}/agenda`, who.chair!);
	itemNeeds = after.body.items[0].needIds;
	expect(itemNeeds).toContain(needId);
});
afterAll(async () => {
	for (const k of sockets) k.close();
	db?.close();
	await s?.stop();
});

/** A problem+json answer with this status whose detail is this message in this language. */
function refused(
	r: Awaited<ReturnType<typeof api>>,
	status: number,
	key: keyof typeof en,
	lang: 'zh' | 'en' = 'zh'
) {
	expect(r.status, JSON.stringify(r.body)).toBe(status);
	expect(r.type).toMatch(/^application\/problem\+json\b/);
	const cat = lang === 'en' ? en : zhCN;
	expect(r.body).toMatchObject({ status, title: cat[`problem.${status}` as keyof typeof en] });
	expect(r.body.detail).toBe(cat[key]);
}

/** Everything stored about a vote's ballots and roll: a refusal must leave it as it was. */
const boxAndRoll = (voteId: string) =>
	JSON.stringify({
		box: db.prepare('select * from ballot where vote_id = ? order by id').all(voteId),
		roll: db.prepare('select * from vote_roll where vote_id = ? order by seat').all(voteId),
		audit: db.prepare('select count(*) n from audit_log').get()
	});

const newVote = (body: Record<string, unknown>) =>
	api(url, 'POST', '/votes', who.chair!, {
		title: '关于加装电梯的动议',
		meetingId,
		agendaItemId: itemId,
		method: 'yna',
		secret: false,
		electorate: 'members',
		...body
	});

describe('a yes/no/abstain vote through the API', () => {
	let voteId: string;

	it('is created with 201 and the options yes/no/abstain, and opens', async () => {
		const created = await newVote({});
		expect(created.status, JSON.stringify(created.body)).toBe(201);
		expect(created.body).toMatchObject({
			meetingId,
			agendaItemId: itemId,
			status: 'draft',
			method: 'yna'
		});
		expect(typeof created.body.id).toBe('string');
		expect(created.body.options.map((o: { id: string }) => o.id)).toEqual(['yes', 'no', 'abstain']);
		voteId = created.body.id;
		const opened = await api(url, 'POST', `/votes/${voteId}/open`, who.chair!);
		expect(opened.status).toBe(200);
		expect(opened.body).toMatchObject({ status: 'open', counts: { eligible: 4, cast: 0 } });
	});

	it('refuses malformed, ineligible and second ballots with problem+json and writes nothing', async () => {
		const before = boxAndRoll(voteId);
		// Wrong shape (a field the API does not know), an unknown answer, no answer at all.
		for (const body of [{ vote: 'yes' }, { choice: 'maybe' }, {}, { choice: ['yes'] }]) {
			const r = await api(url, 'POST', `/votes/${voteId}/ballots`, who.member1!, body);
			expect(r.status, JSON.stringify(body)).toBe(422);
			expect(r.type).toMatch(/^application\/problem\+json\b/);
			expect(r.body.title).toBe(zhCN['problem.422']);
		}
		refused(
			await api(url, 'POST', `/votes/${voteId}/ballots`, who.member3!, { choice: 'maybe' }),
			422,
			'err.ballot.invalid',
			'en'
		);
		// A resident may see a public meeting's vote but is not on a members' roll; a supervisor
		// watches, and votes nowhere.
		refused(
			await api(url, 'POST', `/votes/${voteId}/ballots`, who.resident!, { choice: 'yes' }),
			403,
			'err.vote.notEligible'
		);
		const sup = await api(url, 'POST', `/votes/${voteId}/ballots`, who.supervisor!, {
			choice: 'yes'
		});
		refused(sup, 403, 'err.forbidden');
		expect(boxAndRoll(voteId)).toBe(before);
	});

	it('takes one ballot per member: 201 with a tracking code, then 409 in their language', async () => {
		const first = await api(url, 'POST', `/votes/${voteId}/ballots`, who.member1!, {
			choice: 'yes'
		});
		expect(first.status, JSON.stringify(first.body)).toBe(201);
		expect(first.body.trackingCode).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
		const after = boxAndRoll(voteId);
		refused(
			await api(url, 'POST', `/votes/${voteId}/ballots`, who.member1!, { choice: 'no' }),
			409,
			'err.vote.alreadyVoted'
		);
		expect(
			(await api(url, 'POST', `/votes/${voteId}/ballots`, who.member3!, { choice: 'no' })).status
		).toBe(201);
		refused(
			await api(url, 'POST', `/votes/${voteId}/ballots`, who.member3!, { choice: 'yes' }),
			409,
			'err.vote.alreadyVoted',
			'en'
		);
		expect(JSON.parse(boxAndRoll(voteId)).box).toHaveLength(2);
		expect(JSON.parse(after).box).toHaveLength(1);
		const got = await api(url, 'GET', `/votes/${voteId}`, who.member1!);
		expect(got.body.counts.cast).toBe(2);
		expect(got.body.result).toBeNull();
		expect(got.body.seats[0]).toMatchObject({
			status: 'cast',
			trackingCode: first.body.trackingCode
		});
	});

	it('closes to a frozen result, the same on every call, and refuses later ballots', async () => {
		await api(url, 'POST', `/votes/${voteId}/ballots`, who.chair!, { choice: 'yes' });
		const first = await api(url, 'POST', `/votes/${voteId}/close`, who.chair!);
		expect(first.status, JSON.stringify(first.body)).toBe(200);
		expect(first.body).toMatchObject({ outcome: 'adopted', winner: 'yes' });
		expect(first.body.hash).toMatch(/^[0-9a-f]{64}$/);
		// Anyone can check the published result against its hash (its time left out).
		const { hash, closedAt: _closedAt, ...published } = first.body;
		expect(createHash('sha256').update(JSON.stringify(published)).digest('hex')).toBe(hash);
		for (const closer of ['chair', 'admin', 'chair']) {
			const again = await api(url, 'POST', `/votes/${voteId}/close`, who[closer]!);
			expect(again.status).toBe(200);
			expect(again.body).toEqual(first.body);
		}
		refused(
			await api(url, 'POST', `/votes/${voteId}/ballots`, who.member2!, { choice: 'yes' }),
			409,
			'err.vote.closed'
		);
		refused(
			await api(url, 'POST', `/votes/${voteId}/ballots`, who.member3!, { choice: 'yes' }),
			409,
			'err.vote.closed',
			'en'
		);
		const got = await api(url, 'GET', `/votes/${voteId}`, who.resident!);
		expect(got.status).toBe(200);
		expect(got.body.status).toBe('closed');
		expect(got.body.result).toEqual(first.body);
		expect(got.body.result.ballots).toHaveLength(3);
		expect(got.body.result.ballots.map((b: { ballot: unknown }) => b.ballot)).toEqual(
			expect.arrayContaining([{ choice: 'yes' }, { choice: 'no' }, { choice: 'yes' }])
		);
	});

	it('is a resolution of its meeting, with the needs its agenda item carries', async () => {
		const r = await api(url, 'GET', `/resolutions?meeting=${meetingId}`, who.resident!);
		expect(r.status).toBe(200);
		const res = (
			r.body.items as {
				id: string;
				voteId: string;
				number: string;
				text: string;
				needIds: string[];
			}[]
		).find((x) => x.voteId === voteId)!;
		expect(res).toMatchObject({
			voteId,
			meetingId,
			agendaItemId: itemId,
			needIds: expect.arrayContaining(itemNeeds)
		});
		expect(res.needIds).toHaveLength(itemNeeds.length);
		expect(res.number).toMatch(/^\d{4}-\d{3}$/);
		expect(typeof res.id).toBe('string');
		expect(res.text.length).toBeGreaterThan(0);
	});
});

describe('ranked votes through the API', () => {
	const rankedVote = async (method: 'irv' | 'schulze' | 'borda' | 'score') => {
		const created = await newVote({
			title: `物业服务选聘 ${method}`,
			method,
			options: [{ label: '甲公司' }, { label: '乙公司' }, { label: '丙公司' }]
		});
		expect(created.status, JSON.stringify(created.body)).toBe(201);
		expect(created.body.options).toHaveLength(3);
		const ids = created.body.options.map((o: { id: string }) => o.id) as string[];
		expect(new Set(ids).size).toBe(3);
		expect((await api(url, 'POST', `/votes/${created.body.id}/open`, who.chair!)).status).toBe(200);
		return { id: created.body.id as string, ids };
	};

	it('refuses a ranking with duplicates or unknown options, and a score out of range', async () => {
		const irv = await rankedVote('irv');
		const before = boxAndRoll(irv.id);
		const [a, b] = irv.ids as [string, string];
		for (const body of [
			{ ranking: [a, a] },
			{ ranking: [a, 'nope'] },
			{ ranking: a },
			{ choice: a },
			{ scores: { [a]: 3 } }
		]) {
			const r = await api(url, 'POST', `/votes/${irv.id}/ballots`, who.member1!, body);
			expect(r.status, JSON.stringify(body)).toBe(422);
			expect(r.type).toMatch(/^application\/problem\+json\b/);
		}
		expect(boxAndRoll(irv.id)).toBe(before);
		const score = await rankedVote('score');
		const scoreBefore = boxAndRoll(score.id);
		for (const body of [
			{ scores: { [score.ids[0]!]: 6 } },
			{ scores: { [score.ids[0]!]: -1 } },
			{ scores: { [score.ids[0]!]: 2.5 } },
			{ scores: { nope: 3 } }
		]) {
			const r = await api(url, 'POST', `/votes/${score.id}/ballots`, who.member2!, body);
			expect(r.status, JSON.stringify(body)).toBe(422);
		}
		expect(boxAndRoll(score.id)).toBe(scoreBefore);
		expect(
			(await api(url, 'POST', `/votes/${irv.id}/ballots`, who.member1!, { ranking: [b, a] })).status
		).toBe(201);
	});

	it('publishes the rounds of an instant runoff and the pairwise table of a Schulze count', async () => {
		for (const method of ['irv', 'schulze'] as const) {
			const v = await rankedVote(method);
			const [a, b, c] = v.ids as [string, string, string];
			const ballots: [string, string[]][] = [
				['chair', [a, b, c]],
				['member1', [a, c, b]],
				['member2', [a, b, c]],
				['member3', [c, a, b]]
			];
			for (const [login, ranking] of ballots)
				expect(
					(await api(url, 'POST', `/votes/${v.id}/ballots`, who[login]!, { ranking })).status
				).toBe(201);
			const closed = await api(url, 'POST', `/votes/${v.id}/close`, who.chair!);
			expect(closed.status).toBe(200);
			const got = await api(url, 'GET', `/votes/${v.id}`, who.member1!);
			const result = got.body.result;
			expect(result).toEqual(closed.body);
			expect(result.winner, JSON.stringify(result)).toBe(a);
			expect(result.outcome).toBe('adopted');
			expect(result.detail.method).toBe(method);
			if (method === 'irv') expect(result.detail.rounds.length).toBeGreaterThan(0);
			else expect(Object.keys(result.detail.pairwise).length).toBeGreaterThan(0);
			expect(result.ballots.map((x: { ballot: unknown }) => x.ballot)).toEqual(
				expect.arrayContaining(ballots.map(([, ranking]) => ({ ranking })))
			);
		}
	});
});

describe('an asynchronous poll', () => {
	it('is a vote without a meeting, closed with the same result every time', async () => {
		const poll = await openPoll(url, who.chair!, {
			method: 'single',
			options: [{ label: '周六上午' }, { label: '周日下午' }]
		});
		expect(poll).toMatchObject({ meetingId: null, status: 'open' });
		// Every voting member of the committee: the chair and the eight units' representatives.
		expect(poll.counts.eligible).toBe(9);
		const pick = poll.options[1].id;
		expect(
			(await api(url, 'POST', `/votes/${poll.id}/ballots`, who.member2!, { choice: pick })).status
		).toBe(201);
		refused(
			await api(url, 'POST', `/votes/${poll.id}/ballots`, who.resident!, { choice: pick }),
			404,
			'err.notFound'
		);
		const closed = await api(url, 'POST', `/votes/${poll.id}/close`, who.chair!);
		expect(closed.body.winner).toBe(pick);
		expect((await api(url, 'POST', `/votes/${poll.id}/close`, who.chair!)).body).toEqual(
			closed.body
		);
		const listed = await api(url, 'GET', '/votes', who.member1!);
		expect(listed.body.items.map((v: { id: string }) => v.id)).toContain(poll.id);
	});
});

describe('one ballot, whichever way it is cast', () => {
	it('a ballot cast in the hall over socket.io is the one the API refuses a second of', async () => {
		const v = await newVote({ title: '关于修缮车棚的动议' });
		await api(url, 'POST', `/votes/${v.body.id}/open`, who.chair!);
		const hall = await connectSocket(url, who.member2!.cookie);
		sockets.push(hall);
		const cast = await emit<{ trackingCode: string }>(hall, 'vote:cast', {
			voteId: v.body.id,
			choice: 'no'
		});
		expect(cast.ok).toBe(true);
		refused(
			await api(url, 'POST', `/votes/${v.body.id}/ballots`, who.member2!, { choice: 'yes' }),
			409,
			'err.vote.alreadyVoted'
		);
		// The other way round: over the API first, then the hall refuses with the same reason.
		expect(
			(await api(url, 'POST', `/votes/${v.body.id}/ballots`, who.member1!, { choice: 'yes' }))
				.status
		).toBe(201);
		const m1 = await connectSocket(url, who.member1!.cookie);
		sockets.push(m1);
		const again = await emit(m1, 'vote:cast', { voteId: v.body.id, choice: 'no' });
		expect(again).toEqual({
			ok: false,
			error: { code: 'conflict', message: zhCN['err.vote.alreadyVoted'] }
		});
		const got = await api(url, 'GET', `/votes/${v.body.id}`, who.member2!);
		expect(got.body.counts.cast).toBe(2);
		expect(got.body.seats[0].trackingCode).toBe(cast.ok ? cast.value.trackingCode : '');
	});
});

describe("a motion's text", () => {
	it('keeps every amendment, and cannot be amended once its vote opens', async () => {
		const created = await api(url, 'POST', '/motions', who.chair!, {
			title: '关于设立社区议事角的动议',
			text: '在社区服务中心一层设立议事角。',
			meetingId,
			agendaItemId: itemId
		});
		expect(created.status, JSON.stringify(created.body)).toBe(201);
		const id = created.body.id as string;
		const texts = [
			'在社区服务中心一层东侧设立议事角。',
			'在社区服务中心一层东侧设立议事角，每周开放。'
		];
		for (const text of texts)
			expect((await api(url, 'PATCH', `/motions/${id}`, who.chair!, { text })).status).toBe(200);
		const motion = await api(url, 'GET', `/motions/${id}`, who.member1!);
		expect(motion.body.text).toBe(texts[1]);
		expect(motion.body.revisions.map((r: { text: string }) => r.text)).toEqual([
			'在社区服务中心一层设立议事角。',
			...texts
		]);
		const vote = await newVote({ title: '表决：设立社区议事角', motionId: id });
		expect(vote.status, JSON.stringify(vote.body)).toBe(201);
		expect(vote.body.motionId).toBe(id);
		expect((await api(url, 'POST', `/votes/${vote.body.id}/open`, who.chair!)).status).toBe(200);
		const late = await api(url, 'PATCH', `/motions/${id}`, who.chair!, { text: '改过的文字' });
		expect(late.status).toBe(409);
		expect(late.type).toMatch(/^application\/problem\+json\b/);
		expect((await api(url, 'GET', `/motions/${id}`, who.chair!)).body.revisions).toHaveLength(3);
		for (const login of ['chair', 'member1', 'member2'])
			await api(url, 'POST', `/votes/${vote.body.id}/ballots`, who[login]!, { choice: 'yes' });
		await api(url, 'POST', `/votes/${vote.body.id}/close`, who.chair!);
		const r = await api(url, 'GET', `/resolutions?meeting=${meetingId}`, who.member1!);
		const res = r.body.items.find((x: { voteId: string }) => x.voteId === vote.body.id);
		expect(res.text).toContain(texts[1]);
		expect([...res.needIds].sort()).toEqual([...itemNeeds].sort());
	});
});
