/**
 * A secret vote leaves nothing that links a voter to a choice: after secret votes in the hall
 * (over socket.io) and between meetings (over the API), every row of every table and every line
 * the server logged (at its most talkative level) is searched for a voter's id together with
 * their choice, their ballot's id or their tracking code. The shape of the tables is checked
 * too: the roll has no ballot id, the box has no voter and no time, codes are sealed on the roll,
 * and the audit chains still verify.
 *
 * Build first: `npx vite build`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
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

let s: ServerProcess;
let url: string;
let db: Database.Database;
let chair: Caller;
const sockets: Socket[] = [];

beforeAll(async () => {
	s = await startServerProcess({ env: { LOG_LEVEL: 'trace' } });
	url = s.url;
	db = openServerDb(s);
	chair = { cookie: sessionCookie(db, userIdOf(db, 'chair')) };
});
afterAll(async () => {
	for (const k of sockets) k.close();
	db?.close();
	await s?.stop();
});

interface Cast {
	login: string;
	userId: string;
	voteId: string;
	choice: string;
	code: string;
	ballotId?: string;
}

/** Every row of every table, one line of text per row (blobs as hex and as raw bytes). */
function dumpDatabase(): { table: string; text: string }[] {
	const tables = db
		.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%'")
		.all() as { name: string }[];
	expect(tables.length).toBeGreaterThan(20);
	return tables.flatMap(({ name }) =>
		(db.prepare(`select * from "${name}"`).all() as Record<string, unknown>[]).map((row) => ({
			table: name,
			text: JSON.stringify(row, (_k, v: unknown) =>
				Buffer.isBuffer(v) || (v && (v as { type?: string }).type === 'Buffer')
					? `${Buffer.from(v as Buffer).toString('hex')} ${Buffer.from(v as Buffer).toString('latin1')}`
					: v
			)
		}))
	);
}

/** The secrets of one ballot: what it chose, its id in the box, its tracking code. */
const secretsOf = (c: Cast) => [c.choice, c.ballotId!, c.code, c.code.replace('-', '')];

/** Texts (rows, log lines) that hold a voter's id and one of their ballot's secrets. */
function links(texts: { where: string; text: string }[], casts: Cast[]): string[] {
	const found: string[] = [];
	for (const c of casts)
		for (const t of texts)
			if (t.text.includes(c.userId) || t.text.includes(c.login))
				for (const secret of secretsOf(c))
					if (t.text.includes(secret)) found.push(`${t.where} links ${c.login} to ${secret}`);
	return found;
}

function checkNoLinks(casts: Cast[]) {
	for (const c of casts) {
		const row = db
			.prepare('select id from ballot where vote_id = ? and tracking_code = ?')
			.get(c.voteId, c.code) as { id: string } | undefined;
		expect(row, `${c.login}'s ballot is in the box`).toBeDefined();
		c.ballotId = row!.id;
	}
	const rows = dumpDatabase().map((r) => ({ where: `a row of ${r.table}`, text: r.text }));
	// The dump must be able to see what it looks for: the voters and the codes are in it.
	for (const c of casts) {
		expect(rows.some((r) => r.text.includes(c.userId))).toBe(true);
		expect(rows.some((r) => r.text.includes(c.code))).toBe(true);
	}
	expect(links(rows, casts)).toEqual([]);
	const lines = s
		.output()
		.split('\n')
		.filter(Boolean)
		.map((text, i) => ({ where: `log line ${i + 1}`, text }));
	expect(lines.length).toBeGreaterThan(0);
	expect(links(lines, casts)).toEqual([]);
}

describe('a secret vote', () => {
	const casts: Cast[] = [];
	let meetingVote: string;
	let poll: string;
	/** What the chair's hall was told while the vote was open. */
	const told: { event: string; payload: Record<string, unknown> }[] = [];

	it('is cast in the hall and over the API', async () => {
		const meetingId = await livePublicMeeting(url, chair);
		const created = await api(url, 'POST', '/votes', chair, {
			title: '关于选举楼门长的表决',
			meetingId,
			method: 'single',
			options: [{ label: '张阿姨' }, { label: '王师傅' }, { label: '刘老师' }],
			secret: true,
			electorate: 'members'
		});
		expect(created.status).toBe(201);
		meetingVote = created.body.id;
		expect((await api(url, 'POST', `/votes/${meetingVote}/open`, chair)).status).toBe(200);
		const options = created.body.options.map((o: { id: string }) => o.id) as string[];
		const chairHall = await connectSocket(url, chair.cookie);
		sockets.push(chairHall);
		expect((await emit(chairHall, 'hall:join', { meetingId })).ok).toBe(true);
		for (const event of ['vote:count', 'vote:changed'])
			chairHall.on(event, (payload: Record<string, unknown>) => told.push({ event, payload }));
		// The invited members of the public meeting vote in the hall, each for a different person.
		for (const [i, login] of ['member1', 'member2', 'member3'].entries()) {
			const userId = userIdOf(db, login);
			const k = await connectSocket(url, sessionCookie(db, userId));
			sockets.push(k);
			expect((await emit(k, 'hall:join', { meetingId })).ok).toBe(true);
			const r = await emit<{ trackingCode: string }>(k, 'vote:cast', {
				voteId: meetingVote,
				choice: options[i]
			});
			if (!r.ok) throw new Error(JSON.stringify(r));
			casts.push({
				login,
				userId,
				voteId: meetingVote,
				choice: options[i]!,
				code: r.value.trackingCode
			});
		}

		const p = await openPoll(url, chair, {
			title: '关于社区议事日的无记名征询',
			method: 'irv',
			options: [
				{ label: '每月第一个周六' },
				{ label: '每月最后一个周日' },
				{ label: '每周三晚上' }
			],
			secret: true
		});
		poll = p.id;
		const ids = p.options.map((o: { id: string }) => o.id) as string[];
		for (const [i, login] of ['member4', 'member5', 'member6', 'member7', 'member8'].entries()) {
			const userId = userIdOf(db, login);
			const ranking = [ids[i % 3]!, ids[(i + 1) % 3]!];
			const r = await api(
				url,
				'POST',
				`/votes/${poll}/ballots`,
				{ cookie: sessionCookie(db, userId) },
				{
					ranking
				}
			);
			expect(r.status, JSON.stringify(r.body)).toBe(201);
			// The first preference stands for the choice: it is what an observer would link.
			casts.push({ login, userId, voteId: poll, choice: ranking[0]!, code: r.body.trackingCode });
		}
	});

	it('shows nobody, the chair included, a partial result while open', async () => {
		await expect
			.poll(() => told.filter((m) => m.event === 'vote:count').length, { timeout: 5000 })
			.toBeGreaterThan(0);
		for (const m of told) {
			expect(m.payload.running ?? null).toBeNull();
			expect(m.payload.result ?? null).toBeNull();
			// A count names no option (a vote's announcement lists them all, so it says nothing).
			if (m.event === 'vote:count')
				for (const c of casts) expect(JSON.stringify(m.payload)).not.toContain(c.choice);
		}
		const seen = await api(url, 'GET', `/votes/${meetingVote}`, chair);
		expect(seen.body).toMatchObject({ running: null, result: null, counts: { cast: 3 } });
	});

	it('leaves no row or log line linking a voter to their choice while open', () => {
		// Choices that are the same for two voters are not secrets of one of them.
		const unique = casts.filter(
			(c) => casts.filter((o) => o.voteId === c.voteId && o.choice === c.choice).length === 1
		);
		expect(unique.length).toBeGreaterThanOrEqual(3);
		checkNoLinks(casts.map((c) => (unique.includes(c) ? c : { ...c, choice: c.code })));
	});

	it('keeps the roll and the box apart by their shape', () => {
		const columns = (t: string) =>
			(db.prepare(`pragma table_info("${t}")`).all() as { name: string }[]).map((c) => c.name);
		expect(columns('ballot').sort()).toEqual([
			'choice',
			'id',
			'origin',
			'tracking_code',
			'vote_id'
		]);
		// No row id counting arrivals.
		const ddl = db.prepare("select sql from sqlite_master where name = 'ballot'").get() as {
			sql: string;
		};
		expect(ddl.sql).toMatch(/WITHOUT ROWID\s*$/i);
		expect(() => db.prepare('select rowid from ballot').all()).toThrow();
		for (const id of [meetingVote, poll]) {
			const roll = db.prepare('select * from vote_roll where vote_id = ?').all(id) as {
				ballot_id: string | null;
				cast_at: number | null;
				receipt: Buffer | null;
			}[];
			expect(roll.filter((r) => r.cast_at !== null).length).toBe(
				casts.filter((c) => c.voteId === id).length
			);
			expect(roll.every((r) => r.ballot_id === null)).toBe(true);
			for (const r of roll.filter((x) => x.cast_at !== null)) {
				expect(r.receipt).toBeInstanceOf(Buffer);
				for (const c of casts) {
					expect(r.receipt!.includes(Buffer.from(c.code))).toBe(false);
					expect(r.receipt!.toString('hex')).not.toContain(Buffer.from(c.code).toString('hex'));
				}
			}
		}
		// The box is stored in the order of its random key, not in the order ballots arrived.
		const box = db.prepare('select * from ballot').all() as {
			vote_id: string;
			id: string;
		}[];
		const keys = box.map((b) => `${b.vote_id} ${b.id}`);
		expect(keys).toEqual([...keys].sort());
	});

	it('leaves no link after the count either, publishes the codes, and its audit chain verifies', async () => {
		for (const id of [meetingVote, poll]) {
			const closed = await api(url, 'POST', `/votes/${id}/close`, chair);
			expect(closed.status).toBe(200);
			expect(closed.body.named).toEqual([]);
			const published = closed.body.ballots.map((b: { trackingCode: string }) => b.trackingCode);
			expect(published.sort()).toEqual(
				casts
					.filter((c) => c.voteId === id)
					.map((c) => c.code)
					.sort()
			);
		}
		// After the count the published list pairs every code with a choice: the code is the secret now.
		checkNoLinks(casts.map((c) => ({ ...c, choice: c.code })));
		for (const c of casts) {
			const mine = await api(url, 'GET', `/votes/${c.voteId}`, {
				cookie: sessionCookie(db, c.userId)
			});
			expect(mine.body.seats[0].trackingCode).toBe(c.code);
		}
		const chain = db
			.prepare('select action, detail from audit_log where chain = ? order by seq')
			.all(`vote:${poll}`) as { action: string; detail: string }[];
		expect(chain.map((e) => e.action)).toEqual([
			'vote.open',
			...casts.filter((c) => c.voteId === poll).map(() => 'vote.cast'),
			'vote.close'
		]);
		const out = execFileSync(
			process.execPath,
			['--import', 'tsx', 'scripts/audit-verify.ts', path.join(s.dataDir, 'yiting.db')],
			{ encoding: 'utf8' }
		);
		expect(out).toContain(`ok   vote:${poll}: ${chain.length} entries`);
		expect(out).toMatch(/every chain verifies/);
	});
});

describe("a proxy's ballot in a secret vote", () => {
	it('is not marked as the proxy one in the box or the published list', async () => {
		const meetingId = await livePublicMeeting(url, chair);
		const [m1, m2, m3] = ['member1', 'member2', 'member3'].map((l) => ({
			id: userIdOf(db, l),
			cookie: sessionCookie(db, userIdOf(db, l))
		})) as [
			{ id: string; cookie: string },
			{ id: string; cookie: string },
			{ id: string; cookie: string }
		];
		// member3 hands their vote to member2 for this meeting: who holds whose vote is public.
		const given = await api(url, 'PUT', `/meetings/${meetingId}/proxy`, m3, { toUserId: m2.id });
		expect(given.status, JSON.stringify(given.body)).toBe(200);
		const created = await api(url, 'POST', '/votes', chair, {
			title: '关于物业费调整的无记名表决',
			meetingId,
			method: 'yna',
			secret: true,
			electorate: 'members'
		});
		const id = created.body.id as string;
		expect((await api(url, 'POST', `/votes/${id}/open`, chair)).status).toBe(200);
		const cast = (who: { cookie: string }, body: Record<string, unknown>) =>
			api(url, 'POST', `/votes/${id}/ballots`, who, body);
		expect((await cast(m2, { choice: 'yes' })).status).toBe(201);
		expect((await cast(m2, { choice: 'no', seat: `u:${m3.id}` })).status).toBe(201);
		expect((await cast(m1, { choice: 'yes' })).status).toBe(201);
		// The roll says member3's seat was cast by proxy (who voted, and how, is not secret)…
		const roll = db
			.prepare('select origin from vote_roll where vote_id = ? and seat = ?')
			.get(id, `u:${m3.id}`) as { origin: string };
		expect(roll.origin).toBe('proxy');
		// …so a box that marked the proxy's ballot would say how member3 voted.
		const origins = (
			db.prepare('select origin from ballot where vote_id = ?').all(id) as { origin: string }[]
		).map((b) => b.origin);
		expect(origins).toEqual(['online', 'online', 'online']);
		const closed = await api(url, 'POST', `/votes/${id}/close`, chair);
		expect(closed.body.totals.cast).toBe(3);
		expect(closed.body.ballots.map((b: { origin: string }) => b.origin)).toEqual([
			'online',
			'online',
			'online'
		]);
		expect((await api(url, 'DELETE', `/meetings/${meetingId}/proxy`, m3)).status).toBe(200);
	});
});
