/**
 * Promises 21 and 22 for needs, against the real built server: a private need reaches only
 * staff and its submitter through every channel (board, search, API, pages, photo URLs and
 * socket.io events); contact phones are masked in answers, revealed only by staff with a
 * reason and an audit entry, absent in plaintext from every file under DATA_DIR (database, WAL)
 * and from the logs, and a tampered or moved ciphertext fails to decrypt.
 *
 * Build first: `npm run build` (or set BUILD_DIR to another build).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { io as ioClient, type Socket } from 'socket.io-client';
import { signInCookie, startServerProcess, type ServerProcess } from '../helpers/process';
import type { NeedChange, NotificationPayload } from '../../src/lib/shared/events';

const ENV = {};
let s: ServerProcess;
let url: string;
const cookies: Record<string, string> = {};
const LOGINS = ['admin', 'liaison1', 'supervisor', 'resident1', 'resident2', 'resident3'] as const;
type Login = (typeof LOGINS)[number];

/** Phones as entered, and the digit strings that must never be stored or logged. */
const PRIVATE_PHONE = '13987654321';
const PUBLIC_PHONE = '+86 13712348765';
const PROXY_PHONE = '0571-87651234';
const FORBIDDEN = [
	'13987654321',
	'13712348765',
	'8613712348765',
	'+86 13712348765',
	'0571-87651234',
	'057187651234'
];

/** The demo's seeded phones (src/lib/server/seed/needs.ts), which must not be stored in plaintext either. */
const SEEDED = [
	'13911112222',
	...Array.from({ length: 28 }, (_, i) => i)
		.filter((i) => i % 3 === 0)
		.map((i) => `1${3 + (i % 7)}${String(10000000 + i * 7919).slice(0, 8)}9`.slice(0, 11))
];

interface Need {
	id: string;
	title: string;
	visibility: string;
	status: string;
	supportCount: number;
	contactPhoneMasked: string;
	photos: { id: string; url: string }[];
	timeline: { kind: string }[];
}
interface Page {
	items: { id: string; title: string }[];
	nextCursor: string | null;
}

function call(as: Login, method: string, p: string, json?: unknown): Promise<Response> {
	const headers: Record<string, string> = { cookie: cookies[as]! };
	if (method !== 'GET') headers.origin = url;
	if (json !== undefined) headers['content-type'] = 'application/json';
	return fetch(`${url}/api/v1${p}`, {
		method,
		headers,
		body: json === undefined ? undefined : JSON.stringify(json)
	});
}

async function ok<T>(r: Response, status = 200): Promise<T> {
	const text = await r.text();
	expect(r.status, text).toBe(status);
	return JSON.parse(text) as T;
}

async function status(r: Response): Promise<number> {
	await r.arrayBuffer();
	return r.status;
}

async function listAll(as: Login, query: Record<string, string>): Promise<Page['items']> {
	const out: Page['items'] = [];
	let cursor: string | null = null;
	for (let guard = 0; guard < 100; guard++) {
		const page: Page = await ok<Page>(
			await call(as, 'GET', `/needs?${new URLSearchParams(cursor ? { ...query, cursor } : query)}`)
		);
		out.push(...page.items);
		cursor = page.nextCursor;
		if (!cursor) return out;
	}
	throw new Error('pagination did not end');
}

const page = (as: Login, p: string) => fetch(`${url}${p}`, { headers: { cookie: cookies[as]! } });
const media = (as: Login, p: string) => fetch(`${url}${p}`, { headers: { cookie: cookies[as]! } });

/** A need created by resident1 in private, with a photo and a contact phone. */
let priv: Need;
/** resident1's public need with a contact phone. */
let pub: Need;
/** A private need a liaison entered for an offline resident (no submitter account). */
let proxied: Need;

const PRIVATE_TITLE = '紫藤长廊顶棚漏雨需要修缮';

beforeAll(async () => {
	s = await startServerProcess({ env: ENV });
	url = s.url;
	for (const login of LOGINS) cookies[login] = await signInCookie(url, login);
	priv = await ok<Need>(
		await call('resident1', 'POST', '/needs', {
			title: PRIVATE_TITLE,
			description: 'Wisteria pergola: 家门口的紫藤长廊顶棚漏雨，下雨天没法走。',
			category: 'environment',
			visibility: 'private',
			contactPhone: PRIVATE_PHONE
		}),
		201
	);
	const png = await sharp({ create: { width: 16, height: 16, channels: 3, background: '#2a6' } })
		.png()
		.toBuffer();
	const form = new FormData();
	form.append('photos', new Blob([new Uint8Array(png)], { type: 'image/png' }), 'roof.png');
	await ok(
		await fetch(`${url}/api/v1/needs/${priv.id}/photos`, {
			method: 'POST',
			headers: { cookie: cookies.resident1!, origin: url },
			body: form
		}),
		201
	);
	priv = await ok<Need>(await call('resident1', 'GET', `/needs/${priv.id}`));
	pub = await ok<Need>(
		await call('resident1', 'POST', '/needs', {
			title: '公开的诉求带联系电话',
			description: '公开诉求，联系电话只给工作人员。',
			category: 'other',
			visibility: 'public',
			contactPhone: PUBLIC_PHONE
		}),
		201
	);
	proxied = await ok<Need>(
		await call('liaison1', 'POST', '/needs/proxy', {
			title: '代办的私密诉求葡萄架',
			description: '居民电话反映的私事。',
			category: 'other',
			visibility: 'private',
			channel: 'phone',
			contactName: '赵阿姨',
			contactPhone: PROXY_PHONE
		}),
		201
	);
});
afterAll(async () => {
	await s?.stop();
});

// ---------------------------------------------------------------- private needs

describe('a private need reaches only staff and its submitter', () => {
	it('is in the setup as intended', () => {
		expect(priv.visibility).toBe('private');
		expect(priv.photos.length).toBe(1);
		expect(proxied.visibility).toBe('private');
	});

	it('never appears on another resident’s board, in any sort or filter', async () => {
		const queries: Record<string, string>[] = [
			{},
			{ sort: 'support' },
			{ sort: 'waiting' },
			{ status: 'submitted' },
			{ category: 'environment' },
			{ limit: '200' }
		];
		for (const query of queries) {
			for (const who of ['resident2', 'resident3'] as const) {
				const ids = (await listAll(who, query)).map((i) => i.id);
				expect(ids.length).toBeGreaterThan(0);
				expect(ids, `${who} ${JSON.stringify(query)}`).not.toContain(priv.id);
				expect(ids).not.toContain(proxied.id);
			}
			// The submitter does see it, with the same query.
			expect(
				(await listAll('resident1', query)).map((i) => i.id),
				JSON.stringify(query)
			).toContain(priv.id);
		}
		for (const who of ['admin', 'liaison1', 'supervisor', 'resident1'] as const) {
			expect(
				(await listAll(who, {})).map((i) => i.id),
				who
			).toContain(priv.id);
		}
		for (const who of ['admin', 'liaison1', 'supervisor'] as const)
			expect(
				(await listAll(who, {})).map((i) => i.id),
				who
			).toContain(proxied.id);
		// A private need entered by a liaison has no submitter account: no resident sees it.
		expect((await listAll('resident1', {})).map((i) => i.id)).not.toContain(proxied.id);
	});

	it('never appears in another resident’s search results (LIKE and full-text paths)', async () => {
		for (const q of ['紫藤', '紫藤长廊', '顶棚漏雨需要', 'Wisteria', 'pergola', '葡萄架']) {
			expect(
				(await listAll('resident2', { q })).map((i) => i.id),
				q
			).toEqual([]);
		}
		for (const who of ['admin', 'liaison1', 'supervisor', 'resident1'] as const) {
			expect(
				(await listAll(who, { q: '紫藤' })).map((i) => i.id),
				who
			).toEqual([priv.id]);
			expect(
				(await listAll(who, { q: 'Wisteria' })).map((i) => i.id),
				who
			).toEqual([priv.id]);
		}
	});

	it('is 404 to another resident through the API: read, support, photos, reveal', async () => {
		expect(await status(await call('resident2', 'GET', `/needs/${priv.id}`))).toBe(404);
		expect(await status(await call('resident2', 'GET', `/needs/${proxied.id}`))).toBe(404);
		expect(await status(await call('resident2', 'POST', `/needs/${priv.id}/support`))).toBe(404);
		expect(
			await status(
				await call('resident2', 'POST', `/needs/${priv.id}/reveal-phone`, { reason: '想联系他' })
			)
		).toBe(404);
		const form = new FormData();
		form.append(
			'photos',
			new Blob(
				[
					new Uint8Array(
						await sharp({ create: { width: 4, height: 4, channels: 3, background: '#fff' } })
							.png()
							.toBuffer()
					)
				],
				{ type: 'image/png' }
			),
			'x.png'
		);
		expect(
			await status(
				await fetch(`${url}/api/v1/needs/${priv.id}/photos`, {
					method: 'POST',
					headers: { cookie: cookies.resident2!, origin: url },
					body: form
				})
			)
		).toBe(404);
		// The 404 looks exactly like a need that does not exist.
		const missing = await call('resident2', 'GET', '/needs/doesnotexist0000');
		const hidden = await call('resident2', 'GET', `/needs/${priv.id}`);
		expect(hidden.status).toBe(missing.status);
		expect(await hidden.text()).toBe(await missing.text());
		// Staff and the submitter read it.
		for (const who of ['admin', 'liaison1', 'supervisor', 'resident1'] as const) {
			expect((await ok<Need>(await call(who, 'GET', `/needs/${priv.id}`))).title, who).toBe(
				PRIVATE_TITLE
			);
		}
	});

	it('its photo URL is 404 to another resident and served to staff and the submitter', async () => {
		const photoUrl = priv.photos[0]!.url;
		expect(photoUrl).toMatch(/^\/media\/needs\//);
		const r2 = await media('resident2', photoUrl);
		expect(r2.status).toBe(404);
		expect(r2.headers.get('content-type') ?? '').not.toMatch(/^image\//);
		await r2.arrayBuffer();
		const anonymous = await fetch(`${url}${photoUrl}`, { redirect: 'manual' });
		expect(anonymous.status).not.toBe(200);
		expect(anonymous.headers.get('content-type') ?? '').not.toMatch(/^image\//);
		await anonymous.arrayBuffer();
		for (const who of ['admin', 'supervisor', 'resident1'] as const) {
			const r = await media(who, photoUrl);
			expect(r.status, who).toBe(200);
			expect(r.headers.get('content-type')).toBe('image/png');
			await r.arrayBuffer();
		}
	});

	it('never appears in another resident’s pages', async () => {
		const board = await page('resident2', `/needs?q=${encodeURIComponent('紫藤')}`);
		expect(board.status).toBe(200);
		expect(await board.text()).not.toContain(PRIVATE_TITLE);
		const fullBoard = await (await page('resident2', '/needs?limit=200')).text();
		expect(fullBoard).not.toContain(PRIVATE_TITLE);
		expect(fullBoard).not.toContain(priv.id);
		const detail = await page('resident2', `/needs/${priv.id}`);
		expect(detail.status).toBe(404);
		expect(await detail.text()).not.toContain(PRIVATE_TITLE);
		// Control: the submitter's board and the staff board do show it.
		expect(
			await (await page('resident1', `/needs?q=${encodeURIComponent('紫藤')}`)).text()
		).toContain(PRIVATE_TITLE);
		expect(await (await page('admin', `/needs/${priv.id}`)).text()).toContain(PRIVATE_TITLE);
	});
});

// ---------------------------------------------------------------- merging across visibility

interface Notification {
	kind: string;
	text: string;
	link: string;
}
const notificationsOf = async (as: Login) =>
	(await ok<{ items: Notification[] }>(await call(as, 'GET', '/notifications'))).items;

describe('merging never carries a private need to other residents', () => {
	it('a private duplicate merged into a public need leaves no trace of its title in the public need', async () => {
		const title = '私密重复诉求银杏叶堵塞';
		const dup = await ok<Need>(
			await call('resident1', 'POST', '/needs', {
				title,
				description: '私下反映。',
				category: 'environment',
				visibility: 'private'
			}),
			201
		);
		const target = await ok<Need>(
			await call('resident2', 'POST', '/needs', {
				title: '公开诉求落叶清扫',
				description: '公开。',
				category: 'environment',
				visibility: 'public'
			}),
			201
		);
		// The merge itself is fine: the private submitter becomes a supporter of the public need.
		const merged = await ok<Need>(
			await call('admin', 'POST', `/needs/${dup.id}/merge`, { intoId: target.id })
		);
		expect(merged.status).toBe('merged');
		expect(
			(await ok<Need>(await call('resident2', 'GET', `/needs/${target.id}`))).supportCount
		).toBe(1);
		for (const who of ['resident2', 'resident3'] as const) {
			expect(await (await call(who, 'GET', `/needs/${target.id}`)).text(), who).not.toContain(
				title
			);
			expect(await (await page(who, `/needs/${target.id}`)).text(), who).not.toContain(title);
			expect(JSON.stringify(await notificationsOf(who)), who).not.toContain(title);
			expect((await listAll(who, { q: '银杏叶' })).length, who).toBe(0);
		}
	});

	it('a public need merged into a private one exposes neither its title nor later status changes to the public need’s people', async () => {
		const title = '私密目标诉求梧桐树根拱起';
		const target = await ok<Need>(
			await call('resident1', 'POST', '/needs', {
				title,
				description: '私下反映。',
				category: 'safety',
				visibility: 'private'
			}),
			201
		);
		const dup = await ok<Need>(
			await call('resident2', 'POST', '/needs', {
				title: '公开诉求人行道不平',
				description: '公开。',
				category: 'safety',
				visibility: 'public'
			}),
			201
		);
		await ok(await call('resident3', 'POST', `/needs/${dup.id}/support`));
		const r = await call('admin', 'POST', `/needs/${dup.id}/merge`, { intoId: target.id });
		const text = await r.text();
		// Either the merge is refused, or it happens without exposing the private need.
		expect([200, 409, 422], text).toContain(r.status);
		// Later changes of the private need notify its supporters: the carried ones must not learn of it.
		await call('admin', 'POST', `/needs/${target.id}/accept`).then((x) => x.arrayBuffer());
		for (const who of ['resident2', 'resident3'] as const) {
			expect(await (await call(who, 'GET', `/needs/${dup.id}`)).text(), who).not.toContain(title);
			expect(await (await page(who, `/needs/${dup.id}`)).text(), who).not.toContain(title);
			expect(JSON.stringify(await notificationsOf(who)), who).not.toContain(title);
			expect(await status(await call(who, 'GET', `/needs/${target.id}`)), who).toBe(404);
		}
	});
});

// ---------------------------------------------------------------- realtime

interface Listener {
	socket: Socket;
	changed: NeedChange[];
	notes: NotificationPayload[];
}

function listen(login: Login): Promise<Listener> {
	const socket = ioClient(url, {
		transports: ['websocket'],
		extraHeaders: { cookie: cookies[login]!, origin: url },
		reconnection: false,
		forceNew: true
	});
	const l: Listener = { socket, changed: [], notes: [] };
	socket.on('need:changed', (p: NeedChange) => l.changed.push(p));
	socket.on('notification:new', (p: NotificationPayload) => l.notes.push(p));
	return new Promise((resolve, reject) => {
		socket.once('connect', () => resolve(l));
		socket.once('connect_error', reject);
	});
}

async function until(what: string, cond: () => boolean, ms = 5000): Promise<void> {
	const end = Date.now() + ms;
	while (!cond()) {
		if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 20));
	}
}

describe('realtime events', () => {
	it('need:changed for a private need goes to staff and the submitter, never to another resident', async () => {
		const [r2, r3, r1, admin, supervisor] = await Promise.all([
			listen('resident2'),
			listen('resident3'),
			listen('resident1'),
			listen('admin'),
			listen('supervisor')
		]);
		try {
			// A private need raised while everyone is connected, then the private needs accepted.
			const fresh = await ok<Need>(
				await call('resident1', 'POST', '/needs', {
					title: '私密诉求实时测试',
					description: '只给工作人员看。',
					category: 'other',
					visibility: 'private'
				}),
				201
			);
			await ok(await call('liaison1', 'POST', `/needs/${priv.id}/accept`));
			await ok(await call('liaison1', 'POST', `/needs/${proxied.id}/accept`));
			await ok(
				await call('admin', 'POST', `/needs/${fresh.id}/decline`, { reason: '不属于委员会职责' })
			);
			// Then a public change, which every connection must receive: when it arrives, anything
			// sent before it on the same connection has arrived too.
			await ok(await call('resident3', 'POST', `/needs/${pub.id}/support`));

			for (const l of [r2, r3, r1, admin, supervisor])
				await until('the public change', () => l.changed.some((c) => c.id === pub.id));
			const privateIds = [priv.id, proxied.id, fresh.id];
			for (const [name, l] of [
				['resident2', r2],
				['resident3', r3]
			] as const) {
				expect(
					l.changed.filter((c) => privateIds.includes(c.id)),
					name
				).toEqual([]);
				expect(
					l.notes.filter((n) => privateIds.some((id) => n.link.includes(id))),
					name
				).toEqual([]);
			}
			// Staff receive every private change; the submitter receives those of their own needs.
			for (const l of [admin, supervisor]) {
				await until('staff events', () =>
					privateIds.every((id) => l.changed.some((c) => c.id === id))
				);
				expect(l.changed.find((c) => c.id === priv.id && c.status === 'accepted')).toBeTruthy();
				expect(l.changed.find((c) => c.id === fresh.id && c.status === 'declined')).toBeTruthy();
			}
			expect(r1.changed.find((c) => c.id === priv.id && c.status === 'accepted')).toBeTruthy();
			expect(r1.changed.find((c) => c.id === fresh.id && c.status === 'declined')).toBeTruthy();
			expect(r1.changed.some((c) => c.id === proxied.id)).toBe(false);
			await until('the submitter’s notification', () =>
				r1.notes.some((n) => n.link === `/needs/${priv.id}`)
			);
			// The public change carries only id, status and count.
			const pubChange = r2.changed.find((c) => c.id === pub.id)!;
			expect(Object.keys(pubChange).sort()).toEqual(['id', 'status', 'supportCount']);
			expect(pubChange.supportCount).toBe(1);
		} finally {
			for (const l of [r2, r3, r1, admin, supervisor]) l.socket.disconnect();
		}
	});
});

// ---------------------------------------------------------------- phones

interface AuditRow {
	seq: number;
	actor_id: string | null;
	action: string;
	target: string | null;
	detail: string;
}

function readDb<T>(fn: (db: Database.Database) => T): T {
	const db = new Database(path.join(s.dataDir, 'yiting.db'), { fileMustExist: true });
	try {
		db.pragma('busy_timeout = 5000');
		return fn(db);
	} finally {
		db.close();
	}
}

const revealAudits = (id: string) =>
	readDb(
		(db) =>
			db
				.prepare(
					`select seq, actor_id, action, target, detail from audit_log where action = 'need.revealPhone' and target = ?`
				)
				.all(`need:${id}`) as AuditRow[]
	);

describe('contact phones', () => {
	it('answers show staff and the submitter a masked number, and nobody the whole number', async () => {
		for (const who of ['admin', 'liaison1', 'resident1'] as const) {
			const n = await ok<Need>(await call(who, 'GET', `/needs/${priv.id}`));
			expect(n.contactPhoneMasked, who).toBe('139****4321');
		}
		expect(
			(await ok<Need>(await call('admin', 'GET', `/needs/${pub.id}`))).contactPhoneMasked
		).toBe('137****8765');
		expect(
			(await ok<Need>(await call('admin', 'GET', `/needs/${proxied.id}`))).contactPhoneMasked
		).toBe('057****1234');
		// Another resident sees no contact at all on a public need.
		expect(
			(await ok<Need>(await call('resident2', 'GET', `/needs/${pub.id}`))).contactPhoneMasked
		).toBe('');
		// The same on the need's page.
		expect(await (await page('admin', `/needs/${priv.id}`)).text()).toContain('139****4321');
		expect(await (await page('resident2', `/needs/${pub.id}`)).text()).not.toContain('137****8765');
		for (const who of LOGINS) {
			const texts = [
				await (await call(who, 'GET', '/needs?limit=200')).text(),
				await (await call(who, 'GET', `/needs/${priv.id}`)).text(),
				await (await call(who, 'GET', `/needs/${pub.id}`)).text(),
				await (await page(who, '/needs?limit=200')).text(),
				await (await page(who, `/needs/${pub.id}`)).text()
			];
			for (const t of texts)
				for (const phone of FORBIDDEN) expect(t, `${who} ${phone}`).not.toContain(phone);
		}
	});

	it('reveal needs a reason (422), is refused to residents and supervisors (403), and is audited', async () => {
		expect(revealAudits(priv.id)).toEqual([]);
		const noBody = await call('admin', 'POST', `/needs/${priv.id}/reveal-phone`, {});
		expect(noBody.status).toBe(422);
		expect(((await noBody.json()) as { errors?: Record<string, string[]> }).errors).toHaveProperty(
			'reason'
		);
		expect(
			await status(await call('admin', 'POST', `/needs/${priv.id}/reveal-phone`, { reason: ' ' }))
		).toBe(422);
		for (const who of ['resident1', 'supervisor'] as const) {
			const r = await call(who, 'POST', `/needs/${priv.id}/reveal-phone`, { reason: '核实情况' });
			expect(r.status, who).toBe(403);
			expect(await r.text()).not.toContain(PRIVATE_PHONE);
		}
		expect(
			await status(
				await call('resident2', 'POST', `/needs/${pub.id}/reveal-phone`, { reason: '核实情况' })
			)
		).toBe(403);
		expect(revealAudits(priv.id)).toEqual([]);

		const reason = '需要电话核实漏雨位置';
		expect(
			await ok<{ phone: string }>(
				await call('admin', 'POST', `/needs/${priv.id}/reveal-phone`, { reason })
			)
		).toEqual({ phone: PRIVATE_PHONE });
		const rows = revealAudits(priv.id);
		expect(rows.length).toBe(1);
		const adminId = readDb(
			(db) => (db.prepare(`select id from user where login = 'admin'`).get() as { id: string }).id
		);
		expect(rows[0]!.actor_id).toBe(adminId);
		expect(JSON.parse(rows[0]!.detail)).toEqual({ reason });
		expect(rows[0]!.detail).not.toContain(PRIVATE_PHONE);

		// A liaison may reveal too, and each reveal is its own entry.
		expect(
			await ok<{ phone: string }>(
				await call('liaison1', 'POST', `/needs/${proxied.id}/reveal-phone`, {
					reason: '回访赵阿姨'
				})
			)
		).toEqual({ phone: PROXY_PHONE });
		expect(
			await ok<{ phone: string }>(
				await call('liaison1', 'POST', `/needs/${priv.id}/reveal-phone`, { reason: '再次核实' })
			)
		).toEqual({ phone: PRIVATE_PHONE });
		expect(revealAudits(priv.id).length).toBe(2);
		expect(revealAudits(proxied.id).length).toBe(1);
	});

	it('a tampered or moved ciphertext fails to decrypt: 500 problem, no plaintext, no audit entry; intact ones still open', async () => {
		// Edit the stored blobs behind the running server's back (WAL allows a second writer).
		const fresh = readDb((db) => {
			const enc = (id: string) =>
				(
					db.prepare('select contact_phone_enc as e from need where id = ?').get(id) as {
						e: Buffer;
					}
				).e;
			const tampered = Buffer.from(enc(priv.id));
			tampered[tampered.length - 1]! ^= 0x01;
			db.prepare('update need set contact_phone_enc = ? where id = ?').run(tampered, priv.id);
			// Moved: the public need's ciphertext copied into another need's row.
			const row = db.prepare(`select id from need where title = '私密诉求实时测试'`).get() as {
				id: string;
			};
			db.prepare(
				'update need set contact_phone_enc = ?, contact_phone_masked = ? where id = ?'
			).run(enc(pub.id), '137****8765', row.id);
			return row.id;
		});
		const auditsBefore = revealAudits(priv.id).length;
		for (const id of [priv.id, fresh]) {
			const r = await call('admin', 'POST', `/needs/${id}/reveal-phone`, { reason: '核实情况' });
			const text = await r.text();
			expect(r.status, text).toBe(500);
			expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json\b/);
			for (const phone of FORBIDDEN) expect(text).not.toContain(phone);
			expect(text).not.toMatch(/\n\s+at |node_modules/);
		}
		expect(revealAudits(priv.id).length).toBe(auditsBefore);
		expect(revealAudits(fresh)).toEqual([]);
		// Intact values still open.
		expect(
			await ok<{ phone: string }>(
				await call('admin', 'POST', `/needs/${pub.id}/reveal-phone`, { reason: '回访' })
			)
		).toEqual({ phone: PUBLIC_PHONE });
		expect(
			await ok<{ phone: string }>(
				await call('admin', 'POST', `/needs/${proxied.id}/reveal-phone`, { reason: '回访' })
			)
		).toEqual({ phone: PROXY_PHONE });
		expect(s.output()).toMatch(/API handler failed|unhandled error/);
	});

	it('no phone number is in plaintext in any file under DATA_DIR or in the logs; the masks are', async () => {
		/** Every file under DATA_DIR, read now. */
		const snapshot = () => {
			const out: { name: string; bytes: Buffer }[] = [];
			const walk = (dir: string) => {
				for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
					const p = path.join(dir, e.name);
					if (e.isDirectory()) walk(p);
					else out.push({ name: path.relative(s.dataDir, p), bytes: fs.readFileSync(p) });
				}
			};
			walk(s.dataDir);
			return out;
		};
		// While running (the WAL holds the recent writes), and after a clean stop.
		const running = snapshot();
		expect(running.map((b) => b.name)).toContain('yiting.db-wal');
		await s.stop();
		const log = s.output();
		const stopped = snapshot();
		expect(stopped.map((b) => b.name)).toContain('yiting.db');
		const blobs = [...running.map((b) => ({ ...b, name: `${b.name} (running)` })), ...stopped];
		const db = Buffer.concat(
			blobs.filter((b) => b.name.startsWith('yiting.db')).map((b) => b.bytes)
		);
		// Controls: the scan sees what is stored (the masked numbers, also of the seeded phones, and
		// the private title) and the log covers the reveals.
		expect(db.includes(Buffer.from('139****4321'))).toBe(true);
		for (const p of SEEDED)
			expect(db.includes(Buffer.from(`${p.slice(0, 3)}****${p.slice(-4)}`)), p).toBe(true);
		expect(db.includes(Buffer.from(PRIVATE_TITLE))).toBe(true);
		expect(log).toContain('/reveal-phone');
		for (const phone of [...FORBIDDEN, ...SEEDED]) {
			for (const b of blobs)
				expect(b.bytes.includes(Buffer.from(phone)), `${phone} in ${b.name}`).toBe(false);
			// UTF-16 too, should anything store text that way.
			for (const b of blobs)
				expect(
					b.bytes.includes(Buffer.from(phone, 'utf16le')),
					`${phone} (UTF-16) in ${b.name}`
				).toBe(false);
			expect(log, `${phone} in the log`).not.toContain(phone);
		}
	});
});
