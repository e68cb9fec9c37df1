/**
 * Account hardening through the real server: sign-in throttling that cannot lock a person out
 * (and outlives a restart), password change ending the other sessions, the session list, and
 * the secretary's one-time reset link used without scripts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import http from 'node:http';
import path from 'node:path';
import { signInCookie, startServerProcess, type ServerProcess } from '../helpers/process';
import { zhCN } from '../../src/lib/i18n/zh-CN';

let s: ServerProcess;
let dataDir: string;
beforeAll(async () => {
	s = await startServerProcess();
	dataDir = s.dataDir;
});
afterAll(async () => {
	await s?.stop();
});

interface Answer {
	status: number;
	headers: http.IncomingHttpHeaders;
	text: string;
}

/** A request from a chosen loopback address (127.0.0.x), so one test can be two clients. */
function send(
	method: string,
	p: string,
	opts: { from?: string; json?: unknown; form?: Record<string, string>; cookie?: string } = {}
): Promise<Answer> {
	const body =
		opts.json !== undefined
			? JSON.stringify(opts.json)
			: opts.form
				? new URLSearchParams(opts.form).toString()
				: undefined;
	const headers: Record<string, string> = { origin: s.url };
	if (opts.json !== undefined) headers['content-type'] = 'application/json';
	// A browser without scripts: it asks for the page, not the action's JSON.
	if (opts.form) {
		headers['content-type'] = 'application/x-www-form-urlencoded';
		headers.accept = 'text/html';
	}
	if (opts.cookie) headers.cookie = opts.cookie;
	return new Promise((resolve, reject) => {
		const req = http.request(
			`${s.url}${p}`,
			{ method, headers, localAddress: opts.from ?? '127.0.0.1' },
			(res) => {
				let text = '';
				res.setEncoding('utf8');
				res.on('data', (d: string) => (text += d));
				res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, text }));
			}
		);
		req.on('error', reject);
		req.end(body);
	});
}
const login = (name: string, password: string, from?: string, cookie?: string) =>
	send('POST', '/api/v1/auth/login', { json: { login: name, password }, from, cookie });
const cookieOf = (a: Answer) => String(a.headers['set-cookie']?.[0] ?? '').split(';')[0]!;

describe('sign-in throttling', () => {
	it('pauses one address for one account, says when in the person’s language, and lets the owner in from elsewhere', async () => {
		for (let i = 0; i < 5; i++) expect((await login('liaison3', `wrong-${i}`)).status).toBe(401);
		const paused = await login('liaison3', 'yiting-demo', '127.0.0.1', 'yt_lang=en');
		expect(paused.status).toBe(429);
		expect(paused.headers['content-type']).toMatch(/^application\/problem\+json/);
		const wait = Number(paused.headers['retry-after']);
		expect(wait).toBeGreaterThan(0);
		expect(wait).toBeLessThanOrEqual(60);
		expect(JSON.parse(paused.text).detail).toBe('Too many attempts; try again in 1 minute');
		expect(paused.headers['set-cookie']).toBeUndefined();

		// The page without scripts is paused too, with Retry-After.
		const page = await send('POST', '/login', {
			form: { login: 'liaison3', password: 'yiting-demo' }
		});
		expect(page.status).toBe(429);
		expect(Number(page.headers['retry-after'])).toBeGreaterThan(0);
		expect(page.text).toContain(zhCN['err.tooManyAttempts'].replace('{minutes}', '1'));

		const elsewhere = await login('liaison3', 'yiting-demo', '127.0.0.2');
		expect(elsewhere.status).toBe(200);
		expect(cookieOf(elsewhere)).toMatch(/^yt_session=[a-z2-7]{32}$/);
	});

	it('still pauses after a restart', async () => {
		await s.stop();
		s = await startServerProcess({ dataDir });
		expect((await login('liaison3', 'yiting-demo')).status).toBe(429);
		expect((await login('liaison3', 'yiting-demo', '127.0.0.3')).status).toBe(200);
	});
});

describe('password, sessions and reset links', () => {
	it('changing the password ends the other sessions and keeps this one', async () => {
		const here = cookieOf(await login('member2', 'yiting-demo', '127.0.0.4'));
		const there = cookieOf(await login('member2', 'yiting-demo', '127.0.0.5'));
		const list = await send('GET', '/api/v1/me/sessions', { cookie: here, from: '127.0.0.4' });
		const items = JSON.parse(list.text).items as { current: boolean; address: string }[];
		expect(items.filter((i) => i.current)).toEqual([
			expect.objectContaining({ current: true, address: '127.0.0.4' })
		]);
		expect(items.map((i) => i.address)).toContain('127.0.0.5');

		const wrong = await send('POST', '/api/v1/me/password', {
			cookie: here,
			json: { currentPassword: 'nope-nope', newPassword: 'member2-new-pass' }
		});
		expect(wrong.status).toBe(422);
		expect(JSON.parse(wrong.text).errors.currentPassword).toEqual([
			zhCN['err.account.wrongPassword']
		]);
		const changed = await send('POST', '/api/v1/me/password', {
			cookie: here,
			json: { currentPassword: 'yiting-demo', newPassword: 'member2-new-pass' }
		});
		expect(JSON.parse(changed.text)).toEqual({ endedSessions: 1 });
		expect((await send('GET', '/api/v1/me', { cookie: there })).status).toBe(401);
		expect((await send('GET', '/api/v1/me', { cookie: here })).status).toBe(200);
		expect((await login('member2', 'yiting-demo', '127.0.0.6')).status).toBe(401);
		expect((await login('member2', 'member2-new-pass', '127.0.0.6')).status).toBe(200);
	});

	it('a person ends one of their sessions, or all the others; never someone else’s', async () => {
		const a = await signInCookie(s.url, 'member4');
		const b = await signInCookie(s.url, 'member4');
		const c = await signInCookie(s.url, 'member4');
		const other = await signInCookie(s.url, 'member5');
		const theirs = JSON.parse((await send('GET', '/api/v1/me/sessions', { cookie: other })).text)
			.items[0].id as string;
		expect((await send('DELETE', `/api/v1/me/sessions/${theirs}`, { cookie: a })).status).toBe(404);

		const mine = JSON.parse((await send('GET', '/api/v1/me/sessions', { cookie: b })).text)
			.items as { id: string; current: boolean }[];
		const bId = mine.find((x) => x.current)!.id;
		expect((await send('DELETE', `/api/v1/me/sessions/${bId}`, { cookie: a })).status).toBe(204);
		expect((await send('GET', '/api/v1/me', { cookie: b })).status).toBe(401);

		const all = await send('DELETE', '/api/v1/me/sessions', { cookie: a });
		expect(JSON.parse(all.text).endedSessions).toBeGreaterThanOrEqual(1);
		expect((await send('GET', '/api/v1/me', { cookie: c })).status).toBe(401);
		expect((await send('GET', '/api/v1/me', { cookie: a })).status).toBe(200);
		expect((await send('GET', '/api/v1/me', { cookie: other })).status).toBe(200);
	});

	it('the secretary issues a one-time link; the person sets a password with it, without scripts', async () => {
		const admin = await signInCookie(s.url, 'admin');
		const member = await signInCookie(s.url, 'member6');
		const memberSession = await signInCookie(s.url, 'member7');
		const people = JSON.parse((await send('GET', '/api/v1/people', { cookie: admin })).text)
			.items as { id: string; login: string }[];
		const id = people.find((p) => p.login === 'member7')!.id;

		const refused = await send('POST', `/api/v1/people/${id}/password-reset`, { cookie: member });
		expect(refused.status).toBe(403);
		const issued = await send('POST', `/api/v1/people/${id}/password-reset`, { cookie: admin });
		expect(issued.status).toBe(201);
		const { url, token } = JSON.parse(issued.text) as { url: string; token: string };
		const p = new URL(url).pathname;
		expect(p).toBe(`/reset/${token}`);

		const page = await send('GET', p);
		expect(page.status).toBe(200);
		expect(page.headers['referrer-policy']).toBe('same-origin');
		expect(page.headers['cache-control']).toBe('no-store');
		expect(page.text).toContain('member7');
		const mismatch = await send('POST', p, {
			form: { newPassword: 'member7-new-pass', confirmPassword: 'member7-other' }
		});
		expect(mismatch.status).toBe(422);
		expect(mismatch.text).toContain(zhCN['err.account.mismatch']);
		const set = await send('POST', p, {
			form: { newPassword: 'member7-new-pass', confirmPassword: 'member7-new-pass' }
		});
		expect(set.status).toBe(200);
		expect(set.text).toContain(zhCN['account.reset.done']);

		expect((await send('GET', '/api/v1/me', { cookie: memberSession })).status).toBe(401);
		expect((await login('member7', 'member7-new-pass', '127.0.0.7')).status).toBe(200);
		const again = await send('POST', '/api/v1/auth/reset', {
			json: { token, newPassword: 'member7-third-pass' }
		});
		expect(again.status).toBe(404);
		expect((await send('GET', p)).text).toContain(zhCN['account.reset.invalidTitle']);

		// Audited, and the secret is in neither the database nor the log.
		const db = new Database(path.join(dataDir, 'yiting.db'), { readonly: true });
		try {
			const actions = db
				.prepare("select action from audit_log where target = ? and action like 'auth.password%'")
				.all(`user:${id}`)
				.map((r) => (r as { action: string }).action);
			expect(actions).toEqual(['auth.passwordResetIssued', 'auth.passwordReset']);
			const stored = db.prepare('select * from password_reset').all();
			expect(JSON.stringify(stored)).not.toContain(token);
		} finally {
			db.close();
		}
		expect(s.output()).not.toContain(token);
	});
});
