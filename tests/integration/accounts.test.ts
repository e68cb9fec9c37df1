/**
 * Accounts and their protection (promises 17, 18, 23): registration with invite codes,
 * password storage, session storage, sign-in timing, and the tamper-evident audit log.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { signInCookie, startServerProcess, type ServerProcess } from '../helpers/process';
import { openDb, schema, type Db } from '../../src/lib/server/db';
import { audit, verifyAuditLog } from '../../src/lib/server/platform/audit';

let s: ServerProcess;
let url: string;
let dbFile: string;
let db: Database.Database;
let admin: string;

beforeAll(async () => {
	// The timing test signs in wrongly many times: lift the limits for this file.
	s = await startServerProcess({
		env: { LOGIN_MAX_FAILURES: '1000', LOGIN_MAX_FAILURES_PER_ADDRESS: '1000' }
	});
	url = s.url;
	dbFile = path.join(s.dataDir, 'yiting.db');
	db = new Database(dbFile, { fileMustExist: true });
	db.pragma('busy_timeout = 5000');
	admin = await signInCookie(url, 'admin');
});
afterAll(async () => {
	db?.close();
	await s?.stop();
});

interface Problem {
	status: number;
	title: string;
	detail: string;
	errors?: Record<string, string[]>;
}

function post(p: string, body: unknown, cookie?: string): Promise<Response> {
	return fetch(`${url}/api/v1${p}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', origin: url, ...(cookie ? { cookie } : {}) },
		body: JSON.stringify(body)
	});
}

async function problem(r: Response, status: number): Promise<Problem> {
	const text = await r.text();
	expect(r.status, text).toBe(status);
	expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
	return JSON.parse(text) as Problem;
}

const userCount = (login: string) =>
	(db.prepare('select count(*) n from user where login = ?').get(login) as { n: number }).n;
const inviteUses = (code: string) =>
	(db.prepare('select uses from invite_code where code = ?').get(code) as { uses: number }).uses;
const communityId = (name: string) =>
	(db.prepare('select id from community where name = ?').get(name) as { id: string }).id;

function register(inviteCode: string, login: string, password = 'resident-pass-1') {
	return post('/auth/register', { inviteCode, login, displayName: `${login} 居民`, password });
}

async function createInvite(
	community: string,
	maxUses: number
): Promise<{ id: string; code: string }> {
	const r = await post(
		'/invites',
		{ communityId: communityId(community), maxUses, validDays: 30 },
		admin
	);
	expect(r.status).toBe(201);
	return (await r.json()) as { id: string; code: string };
}

describe('registration with an invite code', () => {
	it('makes a resident of the invite’s community, signed in', async () => {
		const uses = inviteUses('QINGNIAN');
		const r = await register(' qingnian ', 'New.Resident');
		expect(r.status, await r.clone().text()).toBe(201);
		const { user } = (await r.json()) as { user: { id: string; login: string } };
		expect(user.login).toBe('new.resident');
		const cookie = (r.headers.get('set-cookie') ?? '').split(';')[0]!;
		expect(cookie).toMatch(/^yt_session=[a-z2-7]{32}$/);
		const me = (await (await fetch(`${url}/api/v1/me`, { headers: { cookie } })).json()) as {
			id: string;
			roles: unknown[];
		};
		const committee = (
			db.prepare('select committee_id from community where name = ?').get('青年路社区') as {
				committee_id: string;
			}
		).committee_id;
		expect(me.id).toBe(user.id);
		expect(me.roles).toEqual([
			{
				committeeId: committee,
				role: 'resident',
				unitId: null,
				communityId: communityId('青年路社区')
			}
		]);
		expect(inviteUses('QINGNIAN')).toBe(uses + 1);
		// The new account signs in with its password.
		await signInCookie(url, 'new.resident', 'resident-pass-1');
	});

	it('refuses an unknown code with a field error and creates no one', async () => {
		const p = await problem(await register('NOSUCHCODE', 'ghost1'), 422);
		expect(Object.keys(p.errors ?? {})).toEqual(['inviteCode']);
		expect(userCount('ghost1')).toBe(0);
	});

	it('refuses a revoked code', async () => {
		const invite = await createInvite('和平里社区', 10);
		const revoke = await fetch(`${url}/api/v1/invites/${invite.id}`, {
			method: 'DELETE',
			headers: { cookie: admin, origin: url }
		});
		expect(revoke.status).toBe(204);
		const p = await problem(await register(invite.code, 'ghost2'), 422);
		expect(Object.keys(p.errors ?? {})).toEqual(['inviteCode']);
		expect(userCount('ghost2')).toBe(0);
		expect(inviteUses(invite.code)).toBe(0);
	});

	it('refuses an exhausted code, also under concurrent use', async () => {
		const invite = await createInvite('滨河社区', 2);
		const rs = await Promise.all(
			['race1', 'race2', 'race3', 'race4'].map((login) => register(invite.code, login))
		);
		const statuses = rs.map((r) => r.status).sort();
		expect(statuses).toEqual([201, 201, 422, 422]);
		for (const r of rs.filter((x) => x.status === 422))
			expect(Object.keys((await problem(r, 422)).errors ?? {})).toEqual(['inviteCode']);
		expect(inviteUses(invite.code)).toBe(2);
		const created = (
			db.prepare("select count(*) n from user where login like 'race%'").get() as { n: number }
		).n;
		expect(created).toBe(2);
		const p = await problem(await register(invite.code, 'ghost3'), 422);
		expect(p.errors?.inviteCode?.length).toBe(1);
		expect(userCount('ghost3')).toBe(0);
	});

	it('refuses an expired code', async () => {
		const invite = await createInvite('青年路社区', 10);
		db.prepare('update invite_code set expires_at = ? where id = ?').run(
			Date.now() - 1000,
			invite.id
		);
		await problem(await register(invite.code, 'ghost4'), 422);
		expect(userCount('ghost4')).toBe(0);
	});

	it('refuses a login that is taken, in any letter case, and uses up nothing', async () => {
		const uses = inviteUses('HEPING26');
		for (const login of ['resident1', 'ADMIN', 'New.Resident']) {
			const p = await problem(await register('HEPING26', login), 409);
			expect(Object.keys(p.errors ?? {})).toEqual(['login']);
		}
		expect(inviteUses('HEPING26')).toBe(uses);
		expect(userCount('admin')).toBe(1);
		// The secretary creating an account hits the same rule.
		const p = await problem(
			await post(
				'/people',
				{ login: 'Resident2', displayName: 'x', password: 'long-enough' },
				admin
			),
			409
		);
		expect(Object.keys(p.errors ?? {})).toEqual(['login']);
	});
});

describe('stored secrets', () => {
	it('passwords are argon2id with m ≥ 19456, t ≥ 2, p = 1, salted per account', async () => {
		await post(
			'/people',
			{ login: 'staff.one', displayName: 'Staff', password: 'same-password-1' },
			admin
		);
		await post(
			'/people',
			{ login: 'staff.two', displayName: 'Staff', password: 'same-password-1' },
			admin
		);
		// A demo account, a registered resident and accounts the secretary created.
		const rows = db
			.prepare(
				"select login, password_hash from user where login in ('new.resident', 'resident1', 'staff.one', 'staff.two')"
			)
			.all() as { login: string; password_hash: string }[];
		expect(rows.length).toBe(4);
		for (const { login, password_hash: h } of rows) {
			const m =
				/^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/.exec(h);
			expect(m, `${login}: ${h.slice(0, 40)}`).not.toBeNull();
			expect(Number(m![1])).toBeGreaterThanOrEqual(19456);
			expect(Number(m![2])).toBeGreaterThanOrEqual(2);
			expect(Number(m![3])).toBe(1);
			expect(Buffer.from(m![4]!, 'base64').length).toBeGreaterThanOrEqual(16);
			expect(h).not.toContain('resident-pass-1');
		}
		const byLogin = Object.fromEntries(rows.map((r) => [r.login, r.password_hash]));
		expect(byLogin['staff.one']).not.toBe(byLogin['staff.two']);
	});

	it('sessions store the SHA-256 of a 160-bit token, API tokens too, and neither token is in the files or the log', async () => {
		const r = await post('/auth/login', { login: 'chair', password: 'yiting-demo' });
		expect(r.status).toBe(200);
		const token = /yt_session=([^;]+)/.exec(r.headers.get('set-cookie') ?? '')![1]!;
		expect(token).toMatch(/^[a-z2-7]{32}$/); // 32 base32 characters: 160 bits
		const digest = createHash('sha256').update(token).digest('hex');
		const ids = (db.prepare('select id from session').all() as { id: string }[]).map((x) => x.id);
		for (const id of ids) expect(id).toMatch(/^[0-9a-f]{64}$/);
		expect(ids).toContain(digest);
		expect(ids).not.toContain(token);
		expect(
			db.prepare('select count(*) n from session where id = ? or user_id = ?').get(token, token)
		).toEqual({ n: 0 });

		const t = await post('/tokens', { name: 'stored-secret' }, `yt_session=${token}`);
		expect(t.status).toBe(201);
		const apiToken = ((await t.json()) as { token: string }).token;
		const row = db
			.prepare('select token_hash from api_token where name = ?')
			.get('stored-secret') as { token_hash: string };
		expect(row.token_hash).toBe(createHash('sha256').update(apiToken).digest('hex'));

		// Use both, then look for them anywhere at rest.
		expect(
			(await fetch(`${url}/api/v1/me`, { headers: { cookie: `yt_session=${token}` } })).status
		).toBe(200);
		expect(
			(await fetch(`${url}/api/v1/me`, { headers: { authorization: `Bearer ${apiToken}` } })).status
		).toBe(200);
		for (const file of [dbFile, `${dbFile}-wal`]) {
			if (!fs.existsSync(file)) continue;
			const bytes = fs.readFileSync(file);
			expect(bytes.includes(token), file).toBe(false);
			expect(bytes.includes(apiToken.slice(3)), file).toBe(false);
		}
		expect(s.output()).not.toContain(token);
		expect(s.output()).not.toContain(apiToken.slice(3));
	});
});

describe('sign-in timing', () => {
	it('an unknown account fails about as slowly as a wrong password for a known one', async () => {
		const attempt = async (login: string) => {
			const t0 = performance.now();
			const r = await post('/auth/login', { login, password: 'not-the-password' });
			const ms = performance.now() - t0;
			expect(r.status).toBe(401);
			return ms;
		};
		// Warm both paths.
		await attempt('nobody-warm');
		await attempt('member1');
		const known: number[] = [];
		const unknown: number[] = [];
		for (let i = 0; i < 6; i++) {
			unknown.push(await attempt(`nobody-${i}`));
			known.push(await attempt(`member${(i % 8) + 1}`));
		}
		const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
		const ratio = median(unknown) / median(known);
		expect(median(known)).toBeGreaterThan(5); // argon2 really ran
		expect(
			ratio,
			`unknown ${median(unknown).toFixed(1)} ms, known ${median(known).toFixed(1)} ms`
		).toBeGreaterThan(0.5);
		expect(ratio).toBeLessThan(2);
	});
});

describe('the audit log', () => {
	it('records sign-ins, registrations and changes, and verifies after the server stops', async () => {
		const actions = (db.prepare('select action from audit_log').all() as { action: string }[]).map(
			(r) => r.action
		);
		expect(actions).toEqual(
			expect.arrayContaining([
				'demo.seed',
				'auth.signIn',
				'auth.register',
				'invite.create',
				'invite.revoke',
				'person.create',
				'token.create'
			])
		);
		db.close();
		expect(await s.stop()).toBe(0);
		const stopped = openDb(dbFile);
		try {
			expect(verifyAuditLog(stopped)).toBeNull();
			const n = (stopped.$client.prepare('select count(*) n from audit_log').get() as { n: number })
				.n;
			expect(n).toBeGreaterThan(10);
			// And it notices a change made with the sqlite3 shell.
			stopped.$client.prepare("update audit_log set action = 'auth.signOut' where seq = 3").run();
			expect(verifyAuditLog(stopped)).toBe(3);
		} finally {
			stopped.$client.close();
		}
	});
});

// ---------------------------------------------------------------- tampering, as a property

const COLUMNS = ['at', 'actor_id', 'action', 'target', 'detail', 'prev_hash', 'hash'] as const;
type Column = (typeof COLUMNS)[number];
interface Row {
	seq: number;
	at: number;
	actor_id: string | null;
	action: string;
	target: string | null;
	detail: string;
	prev_hash: string;
	hash: string;
}

type Mutation =
	| { kind: 'change'; index: number; column: Column; text: string; delta: number }
	| { kind: 'delete'; index: number; renumber: boolean }
	| { kind: 'swap'; a: number; b: number }
	| { kind: 'move'; index: number; by: number }
	| { kind: 'insert'; index: number; action: string; hash: string; chainPrev: boolean };

/** Apply a mutation to the copy; returns the seq of the first entry that is no longer the original. */
function mutate(c: Database.Database, rows: Row[], m: Mutation): number {
	const n = rows.length;
	switch (m.kind) {
		case 'change': {
			const row = rows[m.index % n]!;
			const old = row[m.column];
			let value: string | number | null;
			if (m.column === 'at') value = row.at + (m.delta === 0 ? 1 : m.delta);
			else if ((m.column === 'actor_id' || m.column === 'target') && old !== null && m.text === '')
				value = null;
			else value = m.text === old ? `${m.text}x` : m.text;
			c.prepare(`update audit_log set ${m.column} = ? where seq = ?`).run(value, row.seq);
			return row.seq;
		}
		case 'delete': {
			const row = rows[m.index % n]!;
			c.prepare('delete from audit_log where seq = ?').run(row.seq);
			if (m.renumber)
				for (const r of rows.slice((m.index % n) + 1))
					c.prepare('update audit_log set seq = ? where seq = ?').run(r.seq - 1, r.seq);
			return row.seq;
		}
		case 'swap': {
			const i = m.a % n;
			let j = m.b % n;
			if (i === j) j = (j + 1) % n;
			const [lo, hi] = [rows[Math.min(i, j)]!, rows[Math.max(i, j)]!];
			const set = `at = ?, actor_id = ?, action = ?, target = ?, detail = ?, prev_hash = ?, hash = ?`;
			const values = (r: Row) => [
				r.at,
				r.actor_id,
				r.action,
				r.target,
				r.detail,
				r.prev_hash,
				r.hash
			];
			c.prepare(`update audit_log set ${set} where seq = ?`).run(...values(hi), lo.seq);
			c.prepare(`update audit_log set ${set} where seq = ?`).run(...values(lo), hi.seq);
			return lo.seq;
		}
		case 'move': {
			// Give one entry a later place (a new seq after the end).
			const row = rows[m.index % n]!;
			c.prepare('update audit_log set seq = ? where seq = ?').run(
				rows[n - 1]!.seq + 1 + m.by,
				row.seq
			);
			return row.seq;
		}
		case 'insert': {
			// Make room at position k (k = n appends) and insert a forged entry there.
			const k = m.index % (n + 1);
			for (const r of [...rows.slice(k)].reverse())
				c.prepare('update audit_log set seq = ? where seq = ?').run(r.seq + 1, r.seq);
			const seq = k < n ? rows[k]!.seq : rows[n - 1]!.seq + 1;
			const prev = m.chainPrev ? (k > 0 ? rows[k - 1]!.hash : '0'.repeat(64)) : m.hash;
			const at = k > 0 ? rows[k - 1]!.at : rows[0]!.at;
			c.prepare(
				'insert into audit_log (seq, at, actor_id, action, target, detail, prev_hash, hash) values (?, ?, ?, ?, ?, ?, ?, ?)'
			).run(seq, at, null, m.action, null, '{}', prev, m.hash);
			return seq;
		}
	}
}

describe('audit log tampering (property)', () => {
	let base: Buffer;
	let rows: Row[];
	let tmp: string;

	beforeAll(() => {
		tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'yiting-audit-'));
		const live: Db = openDb(path.join(tmp, 'audit.db'));
		const actors = ['u1', 'u2', null];
		for (let i = 0; i < 24; i++) {
			// Some entries identical in content: the chain, not the content, must tell them apart.
			const same = i % 6 === 5;
			audit(
				live,
				same ? 'u1' : actors[i % 3]!,
				same ? 'vote.cast' : `action.${i}`,
				i % 4 === 0 ? null : `thing:${i}`,
				same ? {} : { i, note: `第${i}条` }
			);
		}
		expect(verifyAuditLog(live)).toBeNull();
		rows = live.$client.prepare('select * from audit_log order by seq').all() as Row[];
		// An in-memory copy cannot be in WAL mode.
		live.$client.pragma('journal_mode = DELETE');
		base = live.$client.serialize();
		live.$client.close();
	});
	afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

	const copy = () => {
		const c = new Database(base);
		return { c, db: drizzle(c, { schema }) as unknown as Db };
	};

	it('an untouched copy verifies', () => {
		const { c, db: d } = copy();
		expect(verifyAuditLog(d)).toBeNull();
		c.close();
	});

	it('deleting the newest entry is detected', () => {
		const { c, db: d } = copy();
		c.prepare('delete from audit_log where seq = (select max(seq) from audit_log)').run();
		expect(verifyAuditLog(d)).toBe(rows.at(-1)!.seq);
		c.close();
	});

	it('any change, removal, insertion or reordering is detected at the first bad entry', () => {
		const index = fc.nat({ max: 1000 });
		const hex = fc.stringMatching(/^[0-9a-f]{64}$/);
		const mutation: fc.Arbitrary<Mutation> = fc.oneof(
			fc.record({
				kind: fc.constant('change' as const),
				index,
				column: fc.constantFrom(...COLUMNS),
				text: fc.oneof(fc.string({ maxLength: 12 }), hex),
				delta: fc.integer({ min: -100_000, max: 100_000 })
			}),
			fc.record({ kind: fc.constant('delete' as const), index, renumber: fc.boolean() }),
			fc.record({ kind: fc.constant('swap' as const), a: index, b: index }),
			fc.record({ kind: fc.constant('move' as const), index, by: fc.nat({ max: 5 }) }),
			fc.record({
				kind: fc.constant('insert' as const),
				index,
				action: fc.string({ maxLength: 12 }),
				hash: hex,
				chainPrev: fc.boolean()
			})
		);
		fc.assert(
			fc.property(mutation, (m) => {
				const { c, db: d } = copy();
				try {
					const firstBad = mutate(c, rows, m);
					expect(verifyAuditLog(d)).toBe(firstBad);
				} finally {
					c.close();
				}
			}),
			{ numRuns: 500 }
		);
	});
});
