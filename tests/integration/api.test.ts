/**
 * The HTTP API against the real built server: the fixed points of API.md, problem details,
 * pagination, Idempotency-Key, the OpenAPI document and a liaison granted through the API.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import WebSocket from 'ws';
import { signInCookie, startServerProcess, type ServerProcess } from '../helpers/process';
import { connectDoc } from '../helpers/yjs-client';
import { en } from '../../src/lib/i18n/en';
import { zhCN } from '../../src/lib/i18n/zh-CN';

let s: ServerProcess;
let url: string;
let db: Database.Database;
let admin: string;

beforeAll(async () => {
	s = await startServerProcess();
	url = s.url;
	db = new Database(path.join(s.dataDir, 'yiting.db'), { fileMustExist: true });
	db.pragma('busy_timeout = 5000');
	admin = await signInCookie(url, 'admin');
});
afterAll(async () => {
	db?.close();
	await s?.stop();
});

// ---------------------------------------------------------------- helpers

interface Problem {
	type: string;
	title: string;
	status: number;
	detail: string;
	errors?: Record<string, string[]>;
}

interface CallOpts {
	cookie?: string;
	bearer?: string;
	json?: unknown;
	body?: BodyInit;
	type?: string;
	headers?: Record<string, string>;
	/** Send no Origin header (unsafe methods get the app's own Origin otherwise). */
	noOrigin?: boolean;
}

function call(method: string, p: string, o: CallOpts = {}): Promise<Response> {
	const headers: Record<string, string> = { ...o.headers };
	if (o.cookie) headers.cookie = o.cookie;
	if (o.bearer) headers.authorization = `Bearer ${o.bearer}`;
	if (method !== 'GET' && !o.noOrigin) headers.origin ??= url;
	let body: BodyInit | undefined = o.body;
	if (o.json !== undefined) {
		body = JSON.stringify(o.json);
		headers['content-type'] ??= 'application/json';
	}
	if (o.type) headers['content-type'] = o.type;
	return fetch(`${url}/api/v1${p}`, { method, headers, body });
}

async function ok<T>(r: Response, status = 200): Promise<T> {
	const text = await r.text();
	expect(r.status, text).toBe(status);
	return JSON.parse(text) as T;
}

/** An RFC 9457 problem with the given status, in the documented shape, with no stack trace. */
async function problem(r: Response, status: number): Promise<Problem> {
	const text = await r.text();
	expect(r.status, text).toBe(status);
	expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json\b/);
	expect(text).not.toMatch(/\n\s+at |node_modules|\.(ts|js):\d+/);
	const body = JSON.parse(text) as Problem;
	expect(typeof body.type).toBe('string');
	expect(typeof body.title).toBe('string');
	expect(body.title.length).toBeGreaterThan(0);
	expect(body.status).toBe(status);
	expect(typeof body.detail).toBe('string');
	if (body.errors !== undefined) {
		expect(Object.keys(body.errors).length).toBeGreaterThan(0);
		for (const messages of Object.values(body.errors)) {
			expect(Array.isArray(messages) && messages.length > 0).toBe(true);
			for (const m of messages) expect(typeof m).toBe('string');
		}
	}
	return body;
}

/** POST a body with Transfer-Encoding: chunked (no Content-Length) and read the answer. */
function chunkedPost(p: string, headers: Record<string, string>, body: string): Promise<Response> {
	return new Promise((resolve, reject) => {
		let answered = false;
		const timer = setTimeout(() => {
			req.destroy();
			reject(new Error('no answer within 5 s'));
		}, 5000);
		const req = http.request(
			`${url}${p}`,
			{ method: 'POST', headers: { ...headers, 'transfer-encoding': 'chunked' } },
			(res) => {
				answered = true;
				const chunks: Buffer[] = [];
				res.on('data', (c: Buffer) => chunks.push(c));
				res.on('end', () => {
					clearTimeout(timer);
					const h = new Headers();
					for (const [k, v] of Object.entries(res.headers)) if (typeof v === 'string') h.set(k, v);
					resolve(new Response(Buffer.concat(chunks), { status: res.statusCode ?? 0, headers: h }));
				});
			}
		);
		// The server may close the connection after answering, before the body is all sent; closing
		// it without an answer is the failure.
		const gone = (err?: Error) => {
			if (answered) return;
			clearTimeout(timer);
			reject(
				new Error(
					`the server closed the connection without an answer${err ? ` (${err.message})` : ''}`
				)
			);
		};
		req.on('error', gone);
		req.on('close', () => gone());
		const bytes = Buffer.from(body);
		for (let i = 0; i < bytes.length; i += 8192) req.write(bytes.subarray(i, i + 8192));
		req.end();
	});
}

function count(sql: string, ...args: unknown[]): number {
	return (db.prepare(sql).get(...args) as { n: number }).n;
}

interface Role {
	committeeId: string;
	role: string;
	unitId: string | null;
	communityId: string | null;
}
interface Me {
	id: string;
	login: string;
	displayName: string;
	locale: string;
	elderMode: boolean;
	roles: Role[];
}
interface Unit {
	id: string;
	name: string;
	type: string;
	contactName: string;
	contactPhone: string;
	dutyList: string;
	liaisons: { id: string; displayName: string }[];
	createdAt: string;
}

// ---------------------------------------------------------------- fixed points

describe('fixed points', () => {
	it('GET /healthz answers 200 {"status":"ok"}', async () => {
		const r = await fetch(`${url}/healthz`);
		expect(r.status).toBe(200);
		expect(await r.json()).toEqual({ status: 'ok' });
	});

	it('sign-in sets an HttpOnly, SameSite=Lax session cookie, not Secure over http', async () => {
		const r = await call('POST', '/auth/login', {
			json: { login: 'chair', password: 'yiting-demo' }
		});
		const body = await ok<{ user: Record<string, unknown> }>(r);
		expect(body.user).toMatchObject({ login: 'chair', displayName: '李主任' });
		expect(JSON.stringify(body)).not.toMatch(/password|argon2/i);
		const cookie = r.headers.get('set-cookie') ?? '';
		expect(cookie).toMatch(/^yt_session=[a-z2-7]{32};/);
		const attrs = cookie.split(';').map((a) => a.trim().toLowerCase());
		expect(attrs).toContain('httponly');
		expect(attrs).toContain('samesite=lax');
		expect(attrs).toContain('path=/');
		expect(attrs.some((a) => a.startsWith('expires='))).toBe(true);
		expect(attrs).not.toContain('secure');
	});

	it('a bad password answers a 401 problem and no cookie', async () => {
		const r = await call('POST', '/auth/login', {
			json: { login: 'chair', password: 'wrong-password' }
		});
		expect(r.headers.get('set-cookie') ?? '').not.toMatch(/yt_session=[a-z2-7]/);
		await problem(r, 401);
	});

	it('GET /me answers the user with their committee roles', async () => {
		const me = await ok<Me>(
			await call('GET', '/me', { cookie: await signInCookie(url, 'liaison3') })
		);
		expect(me.login).toBe('liaison3');
		expect(me).not.toHaveProperty('passwordHash');
		const unit = db
			.prepare('select id, committee_id from unit where name = ?')
			.get('区交通委员会') as { id: string; committee_id: string };
		expect(me.roles).toEqual([
			{ committeeId: unit.committee_id, role: 'liaison', unitId: unit.id, communityId: null }
		]);
		const adminMe = await ok<Me>(await call('GET', '/me', { cookie: admin }));
		expect(adminMe.roles.map((r) => r.role)).toEqual(['admin']);
	});

	it('sign-out answers 204, clears the cookie, and the session no longer works', async () => {
		const cookie = await signInCookie(url, 'supervisor');
		await ok(await call('GET', '/me', { cookie }));
		const r = await call('POST', '/auth/logout', { cookie });
		expect(r.status).toBe(204);
		expect(await r.text()).toBe('');
		const cleared = r.headers.get('set-cookie') ?? '';
		expect(cleared).toMatch(/^yt_session=;/);
		expect(cleared).toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/i);
		await problem(await call('GET', '/me', { cookie }), 401);
		await problem(await call('POST', '/tokens', { cookie, json: { name: 'after logout' } }), 401);
	});

	it('API tokens: created once, listed without their value, work as Bearer, stop after delete', async () => {
		const created = await ok<{ id: string; name: string; token: string }>(
			await call('POST', '/tokens', { cookie: admin, json: { name: '热线系统' } }),
			201
		);
		expect(created.name).toBe('热线系统');
		expect(created.token).toMatch(/^yt_[a-z2-7]{32}$/);

		const listRes = await call('GET', '/tokens', { cookie: admin });
		const listText = await listRes.clone().text();
		const list = await ok<{ items: Record<string, unknown>[]; nextCursor: string | null }>(listRes);
		expect(list.nextCursor).toBeNull();
		const item = list.items.find((t) => t.id === created.id);
		expect(item).toMatchObject({ id: created.id, name: '热线系统', lastUsedAt: null });
		expect(Object.keys(item!).sort()).toEqual(['createdAt', 'id', 'lastUsedAt', 'name']);
		expect(listText).not.toContain(created.token);
		expect(listText).not.toContain(created.token.slice(3));
		// Nor on the settings page that lists them.
		const settings = await fetch(`${url}/settings`, { headers: { cookie: admin } });
		expect(settings.status).toBe(200);
		const settingsHtml = await settings.text();
		expect(settingsHtml).toContain('热线系统');
		expect(settingsHtml).not.toContain(created.token.slice(3));

		const me = await ok<Me>(await call('GET', '/me', { bearer: created.token }));
		expect(me.login).toBe('admin');
		expect(me.roles.map((r) => r.role)).toEqual(['admin']);
		// The token acts with the user's roles, without a cookie or an Origin.
		const community = await ok<{ id: string }>(
			await call('POST', '/communities', {
				bearer: created.token,
				noOrigin: true,
				json: { name: '令牌社区' }
			}),
			201
		);
		expect(community.id).toBeTruthy();
		const used = await ok<{ items: { id: string; lastUsedAt: string | null }[] }>(
			await call('GET', '/tokens', { cookie: admin })
		);
		expect(used.items.find((t) => t.id === created.id)?.lastUsedAt).toMatch(/^\d{4}-\d\d-\d\dT/);

		expect((await call('DELETE', `/tokens/${created.id}`, { cookie: admin })).status).toBe(204);
		await problem(await call('GET', '/me', { bearer: created.token }), 401);
		await problem(
			await call('POST', '/communities', { bearer: created.token, json: { name: '令牌社区2' } }),
			401
		);
		// Without an Origin a dead token is no authentication at all, so the cross-site check refuses it.
		await problem(
			await call('POST', '/communities', {
				bearer: created.token,
				noOrigin: true,
				json: { name: '令牌社区2' }
			}),
			403
		);
		expect(count('select count(*) n from community where name = ?', '令牌社区2')).toBe(0);
		const after = await ok<{ items: { id: string }[] }>(
			await call('GET', '/tokens', { cookie: admin })
		);
		expect(after.items.map((t) => t.id)).not.toContain(created.id);
		// Deleting again, or someone else's token: not found.
		await problem(await call('DELETE', `/tokens/${created.id}`, { cookie: admin }), 404);
		const other = await ok<{ id: string; token: string }>(
			await call('POST', '/tokens', { cookie: admin, json: { name: 'x' } }),
			201
		);
		await problem(
			await call('DELETE', `/tokens/${other.id}`, { cookie: await signInCookie(url, 'member2') }),
			404
		);
		expect((await call('GET', '/me', { bearer: other.token })).status).toBe(200);
	});

	it('a malformed or unknown Bearer token is 401, not the cookie user', async () => {
		await problem(await call('GET', '/me', { bearer: 'yt_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' }), 401);
		await problem(await call('GET', '/me', { bearer: 'not-a-token', cookie: admin }), 401);
	});
});

// ---------------------------------------------------------------- problem details

describe('problem details', () => {
	const unit = { name: '问题测试单位', type: 'school' };

	it('400 for malformed JSON', async () => {
		const before = count('select count(*) n from unit');
		const p = await problem(
			await call('POST', '/units', {
				cookie: admin,
				body: '{"name": "x", ',
				type: 'application/json'
			}),
			400
		);
		expect(p.title).toBe(zhCN['problem.400']);
		expect(count('select count(*) n from unit')).toBe(before);
	});

	it('400 for a body that is not application/json', async () => {
		await problem(
			await call('POST', '/units', {
				cookie: admin,
				body: JSON.stringify(unit),
				type: 'text/plain'
			}),
			400
		);
		await problem(
			await call('POST', '/units', {
				cookie: admin,
				body: new URLSearchParams(unit).toString(),
				type: 'application/x-www-form-urlencoded'
			}),
			400
		);
		await problem(await call('POST', '/units', { cookie: admin, body: JSON.stringify(unit) }), 400);
		expect(count('select count(*) n from unit where name = ?', unit.name)).toBe(0);
	});

	it('401 when not signed in', async () => {
		const p = await problem(await call('GET', '/me'), 401);
		expect(p.title).toBe(zhCN['problem.401']);
		await problem(await call('GET', '/units'), 401);
		await problem(await call('POST', '/units', { json: unit }), 401);
	});

	it('403 when a resident creates a unit, and nothing is created', async () => {
		const resident = await signInCookie(url, 'resident1');
		const p = await problem(await call('POST', '/units', { cookie: resident, json: unit }), 403);
		expect(p.title).toBe(zhCN['problem.403']);
		await problem(
			await call('POST', '/units', {
				cookie: resident,
				json: unit,
				headers: { 'idempotency-key': 'resident-1' }
			}),
			403
		);
		expect(count('select count(*) n from unit where name = ?', unit.name)).toBe(0);
	});

	it('404 for an unknown /api/v1 path and an unknown unit', async () => {
		for (const method of ['GET', 'POST', 'PATCH', 'DELETE']) {
			await problem(
				await call(method, '/no/such/thing', {
					cookie: admin,
					json: method === 'GET' ? undefined : {}
				}),
				404
			);
		}
		await problem(await call('GET', '/no-such-thing'), 404);
		const p = await problem(await call('GET', '/units/doesnotexist00', { cookie: admin }), 404);
		expect(p.title).toBe(zhCN['problem.404']);
		await problem(
			await call('PATCH', '/units/doesnotexist00', { cookie: admin, json: { name: 'x' } }),
			404
		);
		await problem(await call('DELETE', '/roles/doesnotexist00', { cookie: admin }), 404);
	});

	it('413 for a JSON body over 64 KiB, by Content-Length or streamed', async () => {
		const big = { ...unit, name: '大单位', dutyList: 'x'.repeat(70 * 1024) };
		const p = await problem(await call('POST', '/units', { cookie: admin, json: big }), 413);
		expect(p.title).toBe(zhCN['problem.413']);
		// Without Content-Length (chunked): the server counts the bytes itself. node:http, because
		// fetch gives up on an answer that arrives before the whole body is sent.
		const r = await chunkedPost(
			'/api/v1/units',
			{ cookie: admin, origin: url, 'content-type': 'application/json' },
			JSON.stringify(big)
		);
		await problem(r, 413);
		expect(count('select count(*) n from unit where name = ?', '大单位')).toBe(0);
	});

	it('a body of just under 64 KiB is read (not 413)', async () => {
		const r = await call('POST', '/units', {
			cookie: admin,
			json: { ...unit, dutyList: 'x'.repeat(60 * 1024) }
		});
		// The duty list is limited to 5000 characters: a 422 about that field, not a 413.
		const p = await problem(r, 422);
		expect(Object.keys(p.errors ?? {})).toEqual(['dutyList']);
	});

	it('422 with field errors', async () => {
		const p = await problem(
			await call('POST', '/units', {
				cookie: admin,
				json: { name: '', type: 'spaceship', contactPhone: 'call me', extra: 1 }
			}),
			422
		);
		expect(p.title).toBe(zhCN['problem.422']);
		expect(Object.keys(p.errors ?? {}).sort()).toEqual(
			expect.arrayContaining(['contactPhone', 'name', 'type'])
		);
		// Messages are translated sentences, not catalogue keys.
		for (const ms of Object.values(p.errors ?? {}))
			for (const m of ms) expect(m).not.toMatch(/^err\./);
		const missing = await problem(await call('POST', '/units', { cookie: admin, json: {} }), 422);
		expect(Object.keys(missing.errors ?? {})).toEqual(expect.arrayContaining(['name', 'type']));
	});

	it('429 with Retry-After after repeated bad sign-ins, even with the right password', async () => {
		for (let i = 0; i < 5; i++) {
			await problem(
				await call('POST', '/auth/login', { json: { login: 'recorder', password: `wrong-${i}` } }),
				401
			);
		}
		const r = await call('POST', '/auth/login', {
			json: { login: 'recorder', password: 'yiting-demo' }
		});
		const retryAfter = Number(r.headers.get('retry-after'));
		const p = await problem(r, 429);
		expect(p.title).toBe(zhCN['problem.429']);
		expect(Number.isInteger(retryAfter)).toBe(true);
		expect(retryAfter).toBeGreaterThan(0);
		expect(retryAfter).toBeLessThanOrEqual(15 * 60);
		expect(r.headers.get('set-cookie') ?? '').not.toMatch(/yt_session=[a-z2-7]/);
		// The account name is normalised: another spelling is the same account.
		await problem(
			await call('POST', '/auth/login', { json: { login: ' RECORDER ', password: 'yiting-demo' } }),
			429
		);
	});

	it('titles and messages are in English when the user chose English', async () => {
		const cookie = await signInCookie(url, 'member5');
		const before = await problem(await call('GET', '/units/doesnotexist00', { cookie }), 404);
		expect(before.title).toBe(zhCN['problem.404']);
		const me = await ok<Me>(await call('PATCH', '/me', { cookie, json: { locale: 'en' } }));
		expect(me.locale).toBe('en');
		expect((await ok<Me>(await call('GET', '/me', { cookie }))).locale).toBe('en');

		const nf = await problem(await call('GET', '/units/doesnotexist00', { cookie }), 404);
		expect(nf).toMatchObject({ title: en['problem.404'], detail: en['err.notFound'] });
		const fb = await problem(
			await call('POST', '/units', { cookie, json: { name: 'x', type: 'school' } }),
			403
		);
		expect(fb).toMatchObject({ title: en['problem.403'], detail: en['err.forbidden'] });
		const inv = await problem(await call('POST', '/tokens', { cookie, json: { name: '' } }), 422);
		expect(inv.title).toBe(en['problem.422']);
		expect(inv.errors?.name).toEqual([en['err.required']]);
		const bad = await problem(await call('PATCH', '/me', { cookie, json: { locale: 'fr' } }), 422);
		expect(bad.title).toBe(en['problem.422']);
		const malformed = await problem(
			await call('PATCH', '/me', { cookie, body: '{', type: 'application/json' }),
			400
		);
		expect(malformed).toMatchObject({ title: en['problem.400'], detail: en['err.malformed'] });
		for (const p of [nf, fb, inv, bad, malformed])
			expect(p.title + p.detail).not.toMatch(/[\u4e00-\u9fff]/);
	});
});

// ---------------------------------------------------------------- lists and idempotency

describe('lists', () => {
	it('limit/cursor on /units walks every unit exactly once', async () => {
		// Enough units for several pages.
		for (let i = 0; i < 5; i++)
			await ok(
				await call('POST', '/units', {
					cookie: admin,
					json: { name: `分页单位${i}`, type: 'other' }
				}),
				201
			);
		const all = (db.prepare('select id from unit').all() as { id: string }[])
			.map((r) => r.id)
			.sort();
		expect(all.length).toBeGreaterThanOrEqual(13);

		const seen: string[] = [];
		let cursor: string | null = null;
		let pages = 0;
		do {
			const q: string = `/units?limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
			const page = await ok<{ items: Unit[]; nextCursor: string | null }>(
				await call('GET', q, { cookie: admin })
			);
			expect(page.items.length).toBeLessThanOrEqual(3);
			if (page.nextCursor !== null) expect(page.items.length).toBe(3);
			seen.push(...page.items.map((u) => u.id));
			cursor = page.nextCursor;
			pages++;
			expect(pages).toBeLessThan(50);
		} while (cursor);
		expect(seen.length).toBe(new Set(seen).size);
		expect([...seen].sort()).toEqual(all);
		expect(pages).toBe(Math.ceil(all.length / 3));

		// A resident sees the same list; default limit is 50; max 200.
		const resident = await signInCookie(url, 'resident2');
		const def = await ok<{ items: Unit[]; nextCursor: string | null }>(
			await call('GET', '/units', { cookie: resident })
		);
		expect(def.items.map((u) => u.id).sort()).toEqual(all);
		expect(def.nextCursor).toBeNull();
		expect(def.items[0]).toHaveProperty('liaisons');
		expect(def.items[0]).not.toHaveProperty('committeeId');
		await problem(await call('GET', '/units?limit=201', { cookie: admin }), 400);
		await problem(await call('GET', '/units?limit=0', { cookie: admin }), 400);
		await problem(await call('GET', '/units?limit=abc', { cookie: admin }), 400);
		const empty = await ok<{ items: Unit[]; nextCursor: string | null }>(
			await call('GET', '/units?cursor=zzzzzzzzzzzzzzzz', { cookie: admin })
		);
		expect(empty).toEqual({ items: [], nextCursor: null });
	});

	it('lists answer {items, nextCursor}', async () => {
		for (const p of ['/communities', '/people', '/invites', '/tokens']) {
			const body = await ok<Record<string, unknown>>(await call('GET', p, { cookie: admin }));
			expect(Object.keys(body).sort()).toEqual(['items', 'nextCursor']);
			expect(Array.isArray(body.items)).toBe(true);
		}
	});
});

describe('Idempotency-Key', () => {
	const body = {
		name: '幂等单位',
		type: 'company',
		contactName: '周工',
		contactPhone: '010-12345678',
		dutyList: '1. 一次'
	};

	it('a retry with the same key returns the first answer and creates one unit', async () => {
		const headers = { 'idempotency-key': 'create-unit-7f3a' };
		const r1 = await call('POST', '/units', { cookie: admin, json: body, headers });
		const t1 = await r1.text();
		expect(r1.status, t1).toBe(201);
		const r2 = await call('POST', '/units', { cookie: admin, json: body, headers });
		const t2 = await r2.text();
		expect(r2.status).toBe(201);
		expect(t2).toBe(t1);
		expect(count('select count(*) n from unit where name = ?', body.name)).toBe(1);
		const unit = JSON.parse(t1) as Unit;
		expect(unit).toMatchObject({ name: body.name, dutyList: body.dutyList });
		// Without the key, the same request is a new request (here refused: the name is taken).
		await problem(await call('POST', '/units', { cookie: admin, json: body }), 409);
	});

	it('the same key with a different body is refused with 422 and creates nothing', async () => {
		const headers = { 'idempotency-key': 'create-unit-7f3a' };
		const p = await problem(
			await call('POST', '/units', {
				cookie: admin,
				json: { ...body, name: '另一个单位' },
				headers
			}),
			422
		);
		expect(p.detail).toBe(zhCN['err.idempotencyMismatch']);
		expect(count('select count(*) n from unit where name = ?', '另一个单位')).toBe(0);
		// The same key on another creating route is a different request too.
		await problem(
			await call('POST', '/communities', { cookie: admin, json: { name: '另一个社区' }, headers }),
			422
		);
		expect(count('select count(*) n from community where name = ?', '另一个社区')).toBe(0);
	});

	it('concurrent retries with one key create one unit', async () => {
		const headers = { 'idempotency-key': 'burst-1' };
		const b = { name: '并发幂等单位', type: 'other' };
		const rs = await Promise.all(
			Array.from({ length: 8 }, () => call('POST', '/units', { cookie: admin, json: b, headers }))
		);
		const statuses = rs.map((r) => r.status);
		for (const st of statuses) expect([201, 409]).toContain(st);
		expect(statuses).toContain(201);
		const bodies = await Promise.all(rs.filter((r) => r.status === 201).map((r) => r.text()));
		expect(new Set(bodies).size).toBe(1);
		expect(count('select count(*) n from unit where name = ?', b.name)).toBe(1);
		const again = await call('POST', '/units', { cookie: admin, json: b, headers });
		expect(again.status).toBe(201);
		expect(await again.text()).toBe(bodies[0]);
	});

	it('a refused request does not burn its key', async () => {
		const headers = { 'idempotency-key': 'refused-then-fixed' };
		await problem(
			await call('POST', '/communities', { cookie: admin, json: { name: '和平里社区' }, headers }),
			409
		);
		await problem(
			await call('POST', '/communities', { cookie: admin, json: { name: '和平里社区' }, headers }),
			409
		);
		expect(count('select count(*) n from community where name = ?', '和平里社区')).toBe(1);
	});
});

// ---------------------------------------------------------------- units

describe('units', () => {
	it('PATCH changes only the fields it sends', async () => {
		const created = await ok<Unit>(
			await call('POST', '/units', {
				cookie: admin,
				json: {
					name: '修改测试单位',
					type: 'hospital',
					contactName: '吴医生',
					contactPhone: '010-87654321'
				}
			}),
			201
		);
		const patched = await ok<Unit>(
			await call('PATCH', `/units/${created.id}`, {
				cookie: admin,
				json: { name: '修改测试单位（新）' }
			})
		);
		expect(patched).toMatchObject({
			name: '修改测试单位（新）',
			type: 'hospital',
			contactName: '吴医生',
			contactPhone: '010-87654321'
		});
		const read = await ok<Unit>(await call('GET', `/units/${created.id}`, { cookie: admin }));
		expect(read).toMatchObject({ contactName: '吴医生', contactPhone: '010-87654321' });
		// An empty patch changes nothing (and is not a server error).
		const same = await ok<Unit>(
			await call('PATCH', `/units/${created.id}`, { cookie: admin, json: {} })
		);
		expect(same).toMatchObject({
			name: '修改测试单位（新）',
			type: 'hospital',
			contactName: '吴医生',
			contactPhone: '010-87654321'
		});
	});
});

// ---------------------------------------------------------------- OpenAPI

type JsonSchema = {
	type?: string;
	properties?: Record<string, JsonSchema>;
	required?: string[];
	additionalProperties?: boolean | JsonSchema;
	enum?: unknown[];
	minLength?: number;
	maxLength?: number;
	pattern?: string;
	minimum?: number;
	maximum?: number;
	items?: JsonSchema;
	default?: unknown;
};

const KNOWN_KEYWORDS = new Set([
	'type',
	'properties',
	'required',
	'additionalProperties',
	'enum',
	'minLength',
	'maxLength',
	'pattern',
	'minimum',
	'maximum',
	'items',
	'default',
	'description'
]);

/** A small JSON Schema (2020-12 subset) check; throws on keywords it does not know, so it cannot pass by ignoring them. */
function validates(schema: JsonSchema, value: unknown): boolean {
	for (const k of Object.keys(schema))
		if (!KNOWN_KEYWORDS.has(k)) throw new Error(`validator does not know the keyword ${k}`);
	if (schema.enum && !schema.enum.some((e) => e === value)) return false;
	switch (schema.type) {
		case undefined:
			break;
		case 'object': {
			if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
			const o = value as Record<string, unknown>;
			for (const r of schema.required ?? []) if (!(r in o)) return false;
			for (const [k, v] of Object.entries(o)) {
				const ps = schema.properties?.[k];
				if (ps) {
					if (!validates(ps, v)) return false;
				} else if (schema.additionalProperties === false) return false;
				else if (
					typeof schema.additionalProperties === 'object' &&
					!validates(schema.additionalProperties, v)
				)
					return false;
			}
			break;
		}
		case 'array':
			if (!Array.isArray(value)) return false;
			if (schema.items && !value.every((v) => validates(schema.items!, v))) return false;
			break;
		case 'string': {
			if (typeof value !== 'string') return false;
			const len = [...value].length;
			if (schema.minLength !== undefined && len < schema.minLength) return false;
			if (schema.maxLength !== undefined && len > schema.maxLength) return false;
			if (schema.pattern !== undefined && !new RegExp(schema.pattern, 'u').test(value))
				return false;
			break;
		}
		case 'integer':
		case 'number':
			if (typeof value !== 'number' || !Number.isFinite(value)) return false;
			if (schema.type === 'integer' && !Number.isInteger(value)) return false;
			if (schema.minimum !== undefined && value < schema.minimum) return false;
			if (schema.maximum !== undefined && value > schema.maximum) return false;
			break;
		case 'boolean':
			if (typeof value !== 'boolean') return false;
			break;
		default:
			throw new Error(`validator does not know the type ${schema.type}`);
	}
	return true;
}

interface OpenApiOp {
	operationId: string;
	parameters: { name: string; in: string; required: boolean }[];
	requestBody?: { content: { 'application/json': { schema: JsonSchema } } };
	responses: Record<string, unknown>;
	security?: unknown[];
}
interface OpenApiDoc {
	openapi: string;
	info: { title: string; version: string };
	servers: { url: string }[];
	paths: Record<string, Record<string, OpenApiOp>>;
	components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> };
}

/** The routes under src/routes/api/v1 as `METHOD /path`, read from the directory tree. */
function walkRoutes(): string[] {
	const root = path.resolve('src/routes/api/v1');
	const out: string[] = [];
	const walk = (dir: string) => {
		for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
			const full = path.join(dir, entry.name);
			if (entry.isDirectory()) walk(full);
			else if (entry.name === '+server.ts' || entry.name === '+server.js') {
				const rel = path.relative(root, dir).split(path.sep).filter(Boolean);
				// The catch-all answers 404 problems; the document does not list itself.
				if (rel.some((seg) => seg.startsWith('[...'))) continue;
				if (rel.join('/') === 'openapi.json') continue;
				const route = '/' + rel.map((seg) => seg.replace(/^\[(\w+)\]$/, '{$1}')).join('/');
				const src = fs.readFileSync(full, 'utf8');
				const methods = [
					...src.matchAll(
						/export\s+(?:const|async\s+function|function)\s+(GET|POST|PUT|PATCH|DELETE)\b/g
					)
				].map((m) => m[1]!);
				expect(methods.length, `${full} exports no handler`).toBeGreaterThan(0);
				for (const m of methods) out.push(`${m} ${route}`);
			}
		}
	};
	walk(root);
	return out.sort();
}

describe('OpenAPI document', () => {
	let doc: OpenApiDoc;
	beforeAll(async () => {
		const r = await fetch(`${url}/api/v1/openapi.json`);
		expect(r.status).toBe(200);
		expect(r.headers.get('content-type')).toMatch(/^application\/json/);
		doc = (await r.json()) as OpenApiDoc;
	});

	it('is OpenAPI 3.1 with the API as its server', () => {
		expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
		expect(doc.info.title).toBeTruthy();
		expect(doc.servers).toEqual([{ url: `${url}/api/v1` }]);
		expect(doc.components.schemas).toHaveProperty('Problem');
		expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(['bearer', 'cookie']);
	});

	it('lists every route under src/routes/api/v1 with its methods, and nothing else', () => {
		const routes = walkRoutes();
		expect(routes.length).toBeGreaterThanOrEqual(20);
		const documented = Object.entries(doc.paths)
			.flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`))
			.sort();
		expect(documented).toEqual(routes);
		const ids = Object.values(doc.paths).flatMap((ops) =>
			Object.values(ops).map((o) => o.operationId)
		);
		expect(new Set(ids).size).toBe(ids.length);
		for (const [p, ops] of Object.entries(doc.paths)) {
			const params = [...p.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
			for (const op of Object.values(ops)) {
				for (const name of params)
					expect(op.parameters).toContainEqual(
						expect.objectContaining({ name, in: 'path', required: true })
					);
				expect(op.responses).toHaveProperty('default');
			}
		}
		// Sign-in and registration are open; the rest need a session or a token.
		expect(doc.paths['/auth/login']?.post?.security).toEqual([]);
		expect(doc.paths['/auth/register']?.post?.security).toEqual([]);
		expect(doc.paths['/units']?.post?.security).toBeUndefined();
		// Creating requests declare Idempotency-Key.
		expect(doc.paths['/units']?.post?.parameters).toContainEqual(
			expect.objectContaining({ name: 'Idempotency-Key', in: 'header' })
		);
	});

	it('its request schemas reject what the API rejects, and accept what it accepts (a sample)', async () => {
		const resident = await signInCookie(url, 'resident3');
		const community = db.prepare('select id from community where name = ?').get('滨河社区') as {
			id: string;
		};
		const samples: {
			method: string;
			path: string;
			schemaPath: string;
			cookie?: string;
			body: unknown;
			accepted: boolean;
		}[] = [];
		const add = (
			method: string,
			p: string,
			schemaPath: string,
			body: unknown,
			accepted: boolean,
			cookie: string | undefined = admin
		) => samples.push({ method, path: p, schemaPath, body, accepted, cookie });

		add('POST', '/units', '/units', {}, false);
		add('POST', '/units', '/units', null, false);
		add('POST', '/units', '/units', [], false);
		add('POST', '/units', '/units', { name: 'OAS单位' }, false);
		add('POST', '/units', '/units', { name: 'OAS单位', type: 'spaceship' }, false);
		add('POST', '/units', '/units', { name: 5, type: 'school' }, false);
		add('POST', '/units', '/units', { name: '长'.repeat(61), type: 'school' }, false);
		add('POST', '/units', '/units', { name: 'OAS单位', type: 'school', extra: true }, false);
		add(
			'POST',
			'/units',
			'/units',
			{ name: 'OAS单位', type: 'school', contactPhone: 'call me' },
			false
		);
		add(
			'POST',
			'/units',
			'/units',
			{ name: 'OAS单位', type: 'school', dutyList: 'x'.repeat(5001) },
			false
		);
		add(
			'POST',
			'/units',
			'/units',
			{ name: 'OAS单位', type: 'school', contactPhone: '010-1234 5678' },
			true
		);
		add('POST', '/tokens', '/tokens', { name: '' }, false);
		add('POST', '/tokens', '/tokens', { name: 'n'.repeat(61) }, false);
		add('POST', '/tokens', '/tokens', { name: 'ok', scope: 'all' }, false);
		add('POST', '/tokens', '/tokens', { name: 'OAS令牌' }, true);
		add('PATCH', '/me', '/me', { locale: 'fr' }, false, resident);
		add('PATCH', '/me', '/me', { elderMode: 'yes' }, false, resident);
		add('PATCH', '/me', '/me', { displayName: 'x' }, false, resident);
		add('PATCH', '/me', '/me', { elderMode: true }, true, resident);
		add('POST', '/invites', '/invites', { communityId: community.id, maxUses: 0 }, false);
		add('POST', '/invites', '/invites', { communityId: community.id, maxUses: 1.5 }, false);
		add('POST', '/invites', '/invites', { communityId: community.id, validDays: 366 }, false);
		add('POST', '/invites', '/invites', { communityId: '' }, false);
		add(
			'POST',
			'/invites',
			'/invites',
			{ communityId: community.id, maxUses: 3, validDays: 7 },
			true
		);
		add(
			'POST',
			'/auth/register',
			'/auth/register',
			{ inviteCode: 'BINHE226', login: 'has space', displayName: 'x', password: 'long-enough' },
			false,
			undefined
		);
		add(
			'POST',
			'/auth/register',
			'/auth/register',
			{ inviteCode: 'BINHE226', login: 'ab', displayName: 'x', password: 'long-enough' },
			false,
			undefined
		);
		add(
			'POST',
			'/auth/register',
			'/auth/register',
			{ inviteCode: 'BINHE226', login: 'oas_user', displayName: 'x', password: 'short' },
			false,
			undefined
		);
		add(
			'POST',
			'/auth/register',
			'/auth/register',
			{
				inviteCode: 'BINHE226',
				login: 'oas_user',
				displayName: 'OAS 居民',
				password: 'long-enough'
			},
			true,
			undefined
		);
		add('POST', '/auth/login', '/auth/login', { login: 'admin' }, false, undefined);
		add(
			'POST',
			'/auth/login',
			'/auth/login',
			{ login: 'admin', password: 'yiting-demo', remember: true },
			false,
			undefined
		);

		for (const sm of samples) {
			const op = doc.paths[sm.schemaPath]?.[sm.method.toLowerCase()];
			const schema = op?.requestBody?.content['application/json'].schema;
			expect(schema, `${sm.method} ${sm.schemaPath} has a request schema`).toBeDefined();
			const r = await call(sm.method, sm.path, { cookie: sm.cookie, json: sm.body });
			const label = `${sm.method} ${sm.path} ${JSON.stringify(sm.body).slice(0, 80)} → ${r.status}`;
			if (sm.accepted) expect(r.status, label).toBeLessThan(300);
			else {
				expect(r.status, label).toBe(422);
				await problem(r, 422);
			}
			expect(validates(schema!, sm.body), label).toBe(sm.accepted);
		}
	});
});

// ---------------------------------------------------------------- a liaison granted through the API

function wsHandshake(wsUrl: string, headers: Record<string, string>): Promise<number> {
	return new Promise((resolve) => {
		const ws = new WebSocket(wsUrl, { headers });
		let done = false;
		const finish = (status: number) => {
			if (done) return;
			done = true;
			resolve(status);
			try {
				ws.terminate();
			} catch {
				// already closed
			}
		};
		ws.on('open', () => finish(101));
		ws.on('unexpected-response', (_req, res) => finish(res.statusCode ?? 0));
		ws.on('error', () => finish(-1));
	});
}

describe('a liaison granted through the API', () => {
	it('the admin creates a unit and a person, grants the liaison role, and the liaison opens and edits the unit doc', async () => {
		const unit = await ok<Unit>(
			await call('POST', '/units', {
				cookie: admin,
				json: { name: '社区食堂', type: 'community_org', dutyList: '1. 老年助餐' }
			}),
			201
		);
		expect(unit.dutyList).toBe('1. 老年助餐');
		expect(unit.liaisons).toEqual([]);
		const person = await ok<{ id: string; login: string }>(
			await call('POST', '/people', {
				cookie: admin,
				json: { login: 'Canteen.Liaison', displayName: '食堂联络员', password: 'canteen-pass-1' }
			}),
			201
		);
		expect(person.login).toBe('canteen.liaison');

		const cookie = await signInCookie(url, 'canteen.liaison', 'canteen-pass-1');
		expect((await ok<Me>(await call('GET', '/me', { cookie }))).roles).toEqual([]);
		const docUrl = `${url.replace(/^http/, 'ws')}/yjs/unit/${unit.id}/duties`;
		expect(await wsHandshake(docUrl, { cookie, origin: url })).toBe(403);
		await problem(await call('GET', `/units/${unit.id}`, { cookie }), 404);

		// A liaison role needs its unit.
		const noUnit = await problem(
			await call('POST', '/roles', { cookie: admin, json: { userId: person.id, role: 'liaison' } }),
			422
		);
		expect(noUnit.errors).toHaveProperty('unitId');
		// Only the secretary grants roles.
		await problem(
			await call('POST', '/roles', {
				cookie: await signInCookie(url, 'chair'),
				json: { userId: person.id, role: 'liaison', unitId: unit.id }
			}),
			403
		);

		const grant = await ok<{ id: string }>(
			await call('POST', '/roles', {
				cookie: admin,
				json: { userId: person.id, role: 'liaison', unitId: unit.id }
			}),
			201
		);
		expect(grant.id).toBeTruthy();
		const me = await ok<Me>(await call('GET', '/me', { cookie }));
		const committeeId = (
			db.prepare('select committee_id from unit where id = ?').get(unit.id) as {
				committee_id: string;
			}
		).committee_id;
		expect(me.roles).toEqual([
			{ committeeId, role: 'liaison', unitId: unit.id, communityId: null }
		]);

		const seen = await ok<Unit>(await call('GET', `/units/${unit.id}`, { cookie }));
		expect(seen.dutyList).toBe('1. 老年助餐');
		expect(seen.liaisons).toEqual([{ id: person.id, displayName: '食堂联络员' }]);

		expect(await wsHandshake(docUrl, { cookie, origin: url })).toBe(101);
		const client = connectDoc(url.replace(/^http/, 'ws'), `unit/${unit.id}/duties`, {
			cookie,
			origin: url
		});
		try {
			await client.synced;
			const text = client.doc.getText('duties');
			expect(text.toString()).toBe('1. 老年助餐');
			text.insert(text.length, '\n2. 送餐上门');
			// The edit is stored (a read-only connection's would be dropped).
			let stored = '';
			const deadline = Date.now() + 5000;
			while (Date.now() < deadline) {
				stored = (await ok<Unit>(await call('GET', `/units/${unit.id}`, { cookie: admin })))
					.dutyList;
				if (stored.includes('送餐上门')) break;
				await new Promise((r) => setTimeout(r, 100));
			}
			expect(stored).toBe('1. 老年助餐\n2. 送餐上门');
		} finally {
			client.destroy();
		}

		// The role is removed: the doc closes to them again.
		expect((await call('DELETE', `/roles/${grant.id}`, { cookie: admin })).status).toBe(204);
		expect((await ok<Me>(await call('GET', '/me', { cookie }))).roles).toEqual([]);
		expect(await wsHandshake(docUrl, { cookie, origin: url })).toBe(403);
	});
});
