/**
 * Promise 19: cookie-authenticated unsafe requests from another origin get 403 and change
 * nothing, whatever their content type, on the API and on form actions. Requests from the
 * app itself (Origin, or Sec-Fetch-Site: same-origin) and Bearer-token requests pass.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import path from 'node:path';
import { signInCookie, startServerProcess, type ServerProcess } from '../helpers/process';

let s: ServerProcess;
let url: string;
let db: Database.Database;
/** The secretary's session: the victim of every forged request. */
let admin: string;
/** A second session of the secretary, for sign-out targets. */
let adminToo: string;
let unitId: string;
let unitName: string;
let tokenId: string;
let memberRoleId: string;
let resident5: string;
let communityId: string;

const EVIL = 'https://evil.example';
const CONTENT_TYPES = [
	'application/json',
	'application/x-www-form-urlencoded',
	'multipart/form-data',
	'text/plain'
] as const;
type ContentType = (typeof CONTENT_TYPES)[number];

beforeAll(async () => {
	s = await startServerProcess();
	url = s.url;
	db = new Database(path.join(s.dataDir, 'yiting.db'), { fileMustExist: true });
	db.pragma('busy_timeout = 5000');
	admin = await signInCookie(url, 'admin');
	adminToo = await signInCookie(url, 'admin');
	const unit = db.prepare('select id, name from unit order by name limit 1').get() as {
		id: string;
		name: string;
	};
	unitId = unit.id;
	unitName = unit.name;
	const t = await fetch(`${url}/api/v1/tokens`, {
		method: 'POST',
		headers: { cookie: admin, origin: url, 'content-type': 'application/json' },
		body: JSON.stringify({ name: 'csrf-victim' })
	});
	expect(t.status).toBe(201);
	tokenId = ((await t.json()) as { id: string }).id;
	memberRoleId = (
		db
			.prepare(
				"select r.id from role_assignment r join user u on u.id = r.user_id where u.login = 'member8'"
			)
			.get() as { id: string }
	).id;
	resident5 = (db.prepare("select id from user where login = 'resident5'").get() as { id: string })
		.id;
	communityId = (db.prepare('select id from community limit 1').get() as { id: string }).id;
});
afterAll(async () => {
	db?.close();
	await s?.stop();
});

/** Everything a forged request could change, as one comparable value. */
function state(): string {
	const q = (sql: string) => db.prepare(sql).all();
	return JSON.stringify({
		audit: q('select count(*) n from audit_log'),
		communities: q('select id, name from community order by id'),
		grids: q('select id from grid order by id'),
		units: q('select id, name, type, contact_name, contact_phone from unit order by id'),
		tokens: q('select id, revoked_at from api_token order by id'),
		roles: q('select id, user_id, role, unit_id from role_assignment order by id'),
		users: q('select id, login, locale, elder_mode, disabled from user order by id'),
		sessions: q('select id from session order by id'),
		invites: q('select id, revoked_at from invite_code order by id')
	});
}

function encode(
	type: ContentType,
	fields: Record<string, string | boolean>
): { body: BodyInit; headers: Record<string, string> } {
	switch (type) {
		case 'application/json':
			return { body: JSON.stringify(fields), headers: { 'content-type': type } };
		case 'application/x-www-form-urlencoded':
			return {
				body: new URLSearchParams(
					Object.entries(fields).map(([k, v]) => [k, String(v)])
				).toString(),
				headers: { 'content-type': type }
			};
		case 'multipart/form-data': {
			const form = new FormData();
			for (const [k, v] of Object.entries(fields)) form.append(k, String(v));
			// fetch sets the content type with its boundary.
			return { body: form, headers: {} };
		}
		case 'text/plain':
			// The classic trick: a JSON body sent as text/plain needs no CORS preflight.
			return { body: JSON.stringify(fields), headers: { 'content-type': type } };
	}
}

interface Target {
	method: 'POST' | 'PATCH' | 'DELETE';
	path: string;
	fields: Record<string, string | boolean>;
	/** The session to forge with (default: the secretary's). */
	cookie?: () => string;
}

/** Unsafe API calls and form actions a forger would want the secretary's browser to make. */
function targets(): Target[] {
	return [
		{ method: 'POST', path: '/api/v1/communities', fields: { name: '伪造社区' } },
		{ method: 'POST', path: '/api/v1/units', fields: { name: '伪造单位', type: 'other' } },
		{ method: 'PATCH', path: `/api/v1/units/${unitId}`, fields: { name: '伪造改名' } },
		{ method: 'DELETE', path: `/api/v1/tokens/${tokenId}`, fields: {} },
		{ method: 'PATCH', path: '/api/v1/me', fields: { locale: 'en' } },
		{ method: 'POST', path: '/api/v1/roles', fields: { userId: resident5, role: 'admin' } },
		{ method: 'DELETE', path: `/api/v1/roles/${memberRoleId}`, fields: {} },
		{ method: 'POST', path: '/api/v1/tokens', fields: { name: '伪造令牌' } },
		{ method: 'POST', path: '/api/v1/auth/logout', fields: {}, cookie: () => adminToo },
		{ method: 'POST', path: '/admin?/community', fields: { name: '伪造表单社区' } },
		{ method: 'PATCH', path: '/admin?/community', fields: { name: '伪造表单社区' } },
		{ method: 'DELETE', path: '/admin?/community', fields: { name: '伪造表单社区' } },
		{ method: 'POST', path: '/admin/units', fields: { name: '伪造表单单位', type: 'school' } },
		{ method: 'POST', path: '/admin/people?/grant', fields: { userId: resident5, role: 'admin' } },
		{ method: 'POST', path: '/admin/people?/revoke', fields: { roleId: memberRoleId } },
		{
			method: 'POST',
			path: '/admin/people?/person',
			fields: { login: 'forged', displayName: 'Forged', password: 'forged-password' }
		},
		{
			method: 'POST',
			path: '/admin/invites?/create',
			fields: { communityId, maxUses: '5', validDays: '5' }
		},
		{ method: 'POST', path: '/settings?/createToken', fields: { name: '伪造表单令牌' } },
		{ method: 'POST', path: `/settings?/revokeToken`, fields: { id: tokenId } },
		{ method: 'POST', path: '/settings?/preferences', fields: { locale: 'en', elderMode: 'on' } },
		{ method: 'POST', path: '/prefs?/language', fields: { locale: 'en' } },
		{ method: 'POST', path: '/logout', fields: {}, cookie: () => adminToo }
	];
}

function send(t: Target, type: ContentType, headers: Record<string, string>): Promise<Response> {
	const { body, headers: typeHeaders } = encode(type, t.fields);
	return fetch(`${url}${t.path}`, {
		method: t.method,
		headers: { cookie: (t.cookie ?? (() => admin))(), ...typeHeaders, ...headers },
		body,
		redirect: 'manual'
	});
}

async function expectAllRefused(type: ContentType, headers: Record<string, string>) {
	const before = state();
	const refused: string[] = [];
	for (const t of targets()) {
		const r = await send(t, type, headers);
		const text = await r.text();
		// A cleared cookie means the request reached a handler (sign-out) instead of being refused.
		const cleared = /yt_session=;/.test(r.headers.get('set-cookie') ?? '');
		if (r.status !== 403 || cleared)
			refused.push(
				`${t.method} ${t.path} (${type}) → ${r.status}${cleared ? ' cookie cleared' : ''} ${text.slice(0, 100)}`
			);
	}
	expect(refused, 'requests that were not refused with 403').toEqual([]);
	expect(state()).toBe(before);
}

describe('a foreign Origin with the session cookie', () => {
	for (const type of CONTENT_TYPES) {
		it(`is refused with 403 and changes nothing: ${type}`, async () => {
			await expectAllRefused(type, { origin: EVIL });
		});
	}

	it('is refused for look-alike and opaque origins', async () => {
		const lookAlikes = [
			'null',
			`http://127.0.0.1:${s.port === 1 ? 2 : 1}`,
			`http://localhost:${s.port}`,
			`http://127.0.0.1:${s.port}.evil.example`,
			`http://evil.example/127.0.0.1:${s.port}`,
			'not a url'
		];
		for (const origin of lookAlikes) await expectAllRefused('application/json', { origin });
	});

	it('is refused even when the cookie rides with a bogus Bearer header', async () => {
		await expectAllRefused('application/json', {
			origin: EVIL,
			authorization: 'Bearer yt_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'
		});
	});

	it('answers problem+json on /api/v1, whatever the content type', async () => {
		const wrong: string[] = [];
		for (const type of CONTENT_TYPES) {
			const r = await send(
				{ method: 'POST', path: '/api/v1/communities', fields: { name: '伪造社区' } },
				type,
				{ origin: EVIL }
			);
			const text = await r.text();
			const ct = r.headers.get('content-type') ?? '';
			if (
				r.status !== 403 ||
				!ct.startsWith('application/problem+json') ||
				(JSON.parse(ct.startsWith('application/problem+json') ? text : '{}') as { status?: number })
					.status !== 403
			) {
				wrong.push(`${type} → ${r.status} ${ct} ${text.slice(0, 80)}`);
			}
		}
		expect(wrong).toEqual([]);
	});

	it('leaves safe methods alone (GET works cross-origin, the browser keeps the answer from the other site)', async () => {
		const r = await fetch(`${url}/api/v1/me`, { headers: { cookie: admin, origin: EVIL } });
		expect(r.status).toBe(200);
	});

	it('cannot sign someone in (login CSRF)', async () => {
		const before = state();
		const api = await fetch(`${url}/api/v1/auth/login`, {
			method: 'POST',
			headers: { origin: EVIL, 'content-type': 'application/json' },
			body: JSON.stringify({ login: 'resident9', password: 'yiting-demo' })
		});
		expect(api.status).toBe(403);
		expect(api.headers.get('set-cookie') ?? '').not.toContain('yt_session=');
		const form = await fetch(`${url}/login`, {
			method: 'POST',
			headers: { origin: EVIL, 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ login: 'resident9', password: 'yiting-demo' }).toString(),
			redirect: 'manual'
		});
		expect(form.status).toBe(403);
		expect(form.headers.get('set-cookie') ?? '').not.toContain('yt_session=');
		expect(state()).toBe(before);
	});
});

describe('no Origin', () => {
	for (const type of CONTENT_TYPES) {
		it(`and no Sec-Fetch-Site is refused: ${type}`, async () => {
			await expectAllRefused(type, {});
		});
	}

	it('with Sec-Fetch-Site other than same-origin is refused', async () => {
		for (const site of ['cross-site', 'same-site', 'none'])
			await expectAllRefused('application/json', { 'sec-fetch-site': site });
	});

	it('with Sec-Fetch-Site: same-origin is allowed (API)', async () => {
		const r = await send(
			{ method: 'POST', path: '/api/v1/communities', fields: { name: '同源社区' } },
			'application/json',
			{ 'sec-fetch-site': 'same-origin' }
		);
		expect(r.status).toBe(201);
		expect(db.prepare('select count(*) n from community where name = ?').get('同源社区')).toEqual({
			n: 1
		});
		const p = await send(
			{ method: 'PATCH', path: '/api/v1/me', fields: { elderMode: true } },
			'application/json',
			{ 'sec-fetch-site': 'same-origin' }
		);
		expect(p.status).toBe(200);
		expect(((await p.json()) as { elderMode: boolean }).elderMode).toBe(true);
	});
});

describe('requests from the app itself', () => {
	it('pass with the app Origin: API, every method', async () => {
		const h = { origin: url };
		const c = await send(
			{ method: 'POST', path: '/api/v1/communities', fields: { name: '本站社区' } },
			'application/json',
			h
		);
		expect(c.status).toBe(201);
		const p = await send(
			{ method: 'PATCH', path: `/api/v1/units/${unitId}`, fields: { name: `${unitName}（改）` } },
			'application/json',
			h
		);
		expect(p.status).toBe(200);
		expect(db.prepare('select name from unit where id = ?').get(unitId)).toEqual({
			name: `${unitName}（改）`
		});
		const t = await fetch(`${url}/api/v1/tokens`, {
			method: 'POST',
			headers: { cookie: admin, origin: url, 'content-type': 'application/json' },
			body: '{"name":"temp"}'
		});
		const temp = ((await t.json()) as { id: string }).id;
		const d = await send(
			{ method: 'DELETE', path: `/api/v1/tokens/${temp}`, fields: {} },
			'application/json',
			h
		);
		expect(d.status).toBe(204);
	});

	it('pass with the app Origin: form actions, urlencoded and multipart', async () => {
		for (const type of ['application/x-www-form-urlencoded', 'multipart/form-data'] as const) {
			const name = `本站表单社区-${type.split('/')[1]}`;
			const r = await send({ method: 'POST', path: '/admin?/community', fields: { name } }, type, {
				origin: url,
				accept: 'application/json',
				'x-sveltekit-action': 'true'
			});
			expect(r.status).toBe(200);
			expect(((await r.json()) as { type: string }).type).toBe('success');
			expect(db.prepare('select count(*) n from community where name = ?').get(name)).toEqual({
				n: 1
			});
		}
	});
});

describe('Bearer tokens', () => {
	it('pass without Origin or Sec-Fetch-Site (no ambient credential to forge)', async () => {
		const t = await fetch(`${url}/api/v1/tokens`, {
			method: 'POST',
			headers: { cookie: admin, origin: url, 'content-type': 'application/json' },
			body: '{"name":"integration"}'
		});
		expect(t.status).toBe(201);
		const token = ((await t.json()) as { token: string }).token;
		const bearer = (method: string, p: string, body?: unknown) =>
			fetch(`${url}/api/v1${p}`, {
				method,
				headers: {
					authorization: `Bearer ${token}`,
					...(body ? { 'content-type': 'application/json' } : {})
				},
				body: body ? JSON.stringify(body) : undefined
			});
		const c = await bearer('POST', '/communities', { name: '令牌社区' });
		expect(c.status).toBe(201);
		expect(db.prepare('select count(*) n from community where name = ?').get('令牌社区')).toEqual({
			n: 1
		});
		const p = await bearer('PATCH', `/units/${unitId}`, { contactName: '令牌联系人' });
		expect(p.status).toBe(200);
		const other = await fetch(`${url}/api/v1/tokens`, {
			method: 'POST',
			headers: { cookie: admin, origin: url, 'content-type': 'application/json' },
			body: '{"name":"other"}'
		});
		const otherId = ((await other.json()) as { id: string }).id;
		const d = await bearer('DELETE', `/tokens/${otherId}`);
		expect(d.status).toBe(204);
	});
});

// Last: when it fails, the forged requests have changed the data the other tests rely on.
describe('an origin that differs only in scheme', () => {
	it('is another origin and is refused (https://host:port against an http app)', async () => {
		await expectAllRefused('application/json', { origin: `https://127.0.0.1:${s.port}` });
	});
});
