/**
 * What a security review found missing (issue 11): every API error is problem+json (a wrong
 * method, a malformed path too); invalid UTF-8 in a JSON body is a 400, not quietly repaired;
 * NUL characters and lone surrogates are refused with a field error on the API, in forms and
 * on sockets, and nothing is written; every page carries a nonce-based Content-Security-Policy
 * whose nonce is on SvelteKit's own scripts, and other HTML runs no script at all.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import path from 'node:path';
import { signInCookie, startServerProcess, type ServerProcess } from '../helpers/process';

let s: ServerProcess;
let db: Database.Database;
let admin: string;
let resident: string;

beforeAll(async () => {
	s = await startServerProcess();
	db = new Database(path.join(s.dataDir, 'yiting.db'), { fileMustExist: true });
	db.pragma('busy_timeout = 5000');
	admin = await signInCookie(s.url, 'admin');
	resident = await signInCookie(s.url, 'resident1');
});
afterAll(async () => {
	db?.close();
	await s?.stop();
});

const needCount = () => (db.prepare('select count(*) as n from need').get() as { n: number }).n;

async function api(p: string, init: RequestInit & { cookie?: string } = {}) {
	const headers = new Headers(init.headers);
	if (init.cookie) headers.set('cookie', init.cookie);
	headers.set('origin', s.url);
	return fetch(`${s.url}/api/v1${p}`, { ...init, headers });
}

async function expectProblem(r: Response, status: number) {
	expect(r.status).toBe(status);
	expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
	const body = (await r.json()) as { status: number; title: string; detail: string };
	expect(body.status).toBe(status);
	expect(body.detail).toBeTruthy();
	return body;
}

describe('API errors are problem+json', () => {
	it('answers a method a route does not take with 405, the Allow header and words', async () => {
		const r = await api('/needs', { method: 'PUT', cookie: admin });
		const body = await expectProblem(r, 405);
		expect(r.headers.get('allow')).toMatch(/GET/);
		expect(body.detail).toContain('PUT');
	});

	it('answers a malformed path with 400', async () => {
		await expectProblem(await api('/needs/%E0%A4%A', { cookie: admin }), 400);
		await expectProblem(await api('/%ZZ', { cookie: admin }), 400);
	});

	it('answers an unknown path with 404 in English when asked', async () => {
		const r = await api('/nowhere', { cookie: admin, headers: { 'accept-language': 'en' } });
		await expectProblem(r, 404);
	});
});

describe('text that cannot be stored', () => {
	const post = (body: BodyInit) =>
		api('/needs', {
			method: 'POST',
			cookie: resident,
			headers: { 'content-type': 'application/json' },
			body
		});

	it('refuses invalid UTF-8 in a JSON body with 400 and writes nothing', async () => {
		const before = needCount();
		const head = new TextEncoder().encode('{"title":"路灯坏了');
		const bytes = new Uint8Array([...head, 0xc3, 0x28, 0x22, 0x7d]);
		await expectProblem(await post(bytes), 400);
		expect(needCount()).toBe(before);
	});

	it('refuses NUL and lone surrogates with 422 and the field named', async () => {
		const before = needCount();
		for (const title of ['路灯\\u0000坏了', '路灯\\ud800坏了', '\\udc00']) {
			const r = await post(`{"title":"${title}","description":"三号楼门口的路灯坏了一周"}`);
			const body = (await expectProblem(r, 422)) as unknown as { errors: Record<string, string[]> };
			expect(Object.keys(body.errors)).toEqual(['title']);
		}
		const q = await api('/needs?q=%00', { cookie: resident });
		await expectProblem(q, 422);
		expect(needCount()).toBe(before);
	});

	it('refuses NUL in a form with 422 and the field error on the page', async () => {
		const before = needCount();
		const form = new URLSearchParams({
			title: '路灯\u0000坏了',
			description: '三号楼门口的路灯坏了一周',
			category: 'facilities'
		});
		const r = await fetch(`${s.url}/needs/new?/submit`, {
			method: 'POST',
			headers: {
				cookie: resident,
				origin: s.url,
				'content-type': 'application/x-www-form-urlencoded',
				accept: 'application/json',
				'x-sveltekit-action': 'true'
			},
			body: form
		});
		const answer = (await r.json()) as { type: string; status: number; data: string };
		expect(answer).toMatchObject({ type: 'failure', status: 422 });
		expect(answer.data).toContain('无法保存的字符');
		expect(needCount()).toBe(before);
	});
});

describe('Content-Security-Policy', () => {
	it("puts a fresh nonce on every page and on SvelteKit's own scripts, and no unsafe-inline script", async () => {
		const nonces = new Set<string>();
		for (const [p, cookie] of [
			['/login', ''],
			['/', resident],
			['/needs', resident],
			['/dashboard', admin]
		] as const) {
			const r = await fetch(`${s.url}${p}`, { headers: cookie ? { cookie } : {} });
			expect(r.status, p).toBe(200);
			const csp = r.headers.get('content-security-policy') ?? '';
			const nonce = csp.match(/script-src 'self' 'nonce-([^']+)'/)?.[1];
			expect(nonce, `${p}: ${csp}`).toBeTruthy();
			expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
			expect(csp).toMatch(/object-src 'none'/);
			expect(csp).toMatch(/frame-ancestors 'none'/);
			const html = await r.text();
			const scripts = html.match(/<script\b[^>]*>/g) ?? [];
			expect(scripts.length, p).toBeGreaterThan(0);
			for (const tag of scripts) expect(tag, p).toContain(`nonce="${nonce}"`);
			nonces.add(nonce!);
		}
		expect(nonces.size).toBe(4);
	});
});
