/**
 * Promises 11–13 for both realtime endpoints: auth before data, no cross-site hijacking,
 * revocation is live. Refusals are checked on the wire (the HTTP answer to the upgrade), and
 * live revocation by the close of connections that were already open.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import net from 'node:net';
import { randomBytes } from 'node:crypto';
import WebSocket from 'ws';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { io as ioClient, type Socket } from 'socket.io-client';
import { startApp, type TestApp } from '../helpers/app';
import { signInCookie, startServerProcess, type ServerProcess } from '../helpers/process';
import { waitFor } from '../helpers/yjs-client';
import { committees, roleAssignments, sessions, units } from '../../src/lib/server/db/schema';
import {
	createSession,
	generateToken,
	hashToken,
	invalidateSession,
	invalidateUserSessions,
	loadActor,
	SESSION_COOKIE
} from '../../src/lib/server/auth/session';
import { removeRole } from '../../src/lib/server/org/org';
import { createApiToken, revokeApiToken } from '../../src/lib/server/accounts/tokens';
import { readStoredDoc } from '../../src/lib/server/docs/store';
import { YJS_CLOSE } from '../../src/lib/shared/events';
import type { Result } from '../../src/lib/shared/result';

const SIO_PATH = '/socket.io/?EIO=4&transport=websocket';

type Upgrade =
	| { kind: 'refused'; status: number; body: string; messages: number }
	| { kind: 'open'; ws: WebSocket; messages: Buffer[] };

/** Try a websocket upgrade; resolve with the HTTP refusal or the open socket (and what it received). */
function tryUpgrade(url: string, headers: Record<string, string>): Promise<Upgrade> {
	return new Promise((resolve, reject) => {
		const ws = new WebSocket(url, { headers });
		const messages: Buffer[] = [];
		ws.on('message', (data: Buffer) => messages.push(data));
		ws.on('unexpected-response', (_req, res) => {
			let body = '';
			res.on('data', (d: Buffer) => (body += d.toString()));
			res.on('end', () =>
				resolve({ kind: 'refused', status: res.statusCode ?? 0, body, messages: messages.length })
			);
			res.on('error', () =>
				resolve({ kind: 'refused', status: res.statusCode ?? 0, body, messages: messages.length })
			);
		});
		ws.on('open', () => resolve({ kind: 'open', ws, messages }));
		ws.on('error', reject);
	});
}

/** A raw Yjs connection that is open and has received the server's first message (SyncStep1). */
async function openYjs(url: string, headers: Record<string, string>) {
	const r = await tryUpgrade(url, headers);
	if (r.kind !== 'open') throw new Error(`Yjs upgrade refused: ${r.status} ${r.body}`);
	const closed = new Promise<{ code: number; at: number }>((resolve) =>
		r.ws.on('close', (code) => resolve({ code, at: Date.now() }))
	);
	await waitFor(() => r.messages.length > 0);
	return { ws: r.ws, messages: r.messages, closed };
}

function sio(url: string, headers: Record<string, string>): Socket {
	return ioClient(url, {
		transports: ['websocket'],
		extraHeaders: headers,
		reconnection: false,
		forceNew: true
	});
}

/** Connect with socket.io-client: 'connected', or the connect_error message. */
function sioOutcome(
	url: string,
	headers: Record<string, string>
): Promise<{ connected: boolean; error?: string }> {
	return new Promise((resolve) => {
		const s = sio(url, headers);
		s.on('connect', () => {
			s.disconnect();
			resolve({ connected: true });
		});
		s.on('connect_error', (err) => {
			s.disconnect();
			resolve({ connected: false, error: err.message });
		});
	});
}

async function sioConnected(url: string, headers: Record<string, string>) {
	const s = sio(url, headers);
	const events: string[] = [];
	let disconnectedAt = 0;
	let reason = '';
	s.on('session:ended', () => events.push('session:ended'));
	s.on('disconnect', (r) => {
		reason = r;
		disconnectedAt = Date.now();
	});
	await new Promise<void>((resolve, reject) => {
		s.once('connect', () => resolve());
		s.once('connect_error', reject);
	});
	return { s, events, disconnected: () => disconnectedAt, reason: () => reason };
}

function sessionIdOf(cookie: string): string {
	return hashToken(cookie.slice(`${SESSION_COOKIE}=`.length));
}

describe('realtime auth (in-process server)', () => {
	let t: TestApp;
	let doc: string;
	let unitId: string;
	let committeeId: string;
	let yjsUrl: string;

	beforeAll(async () => {
		t = await startApp();
		const unit = t.db.select().from(units).where(eq(units.name, '区城市管理局')).get()!;
		unitId = unit.id;
		committeeId = unit.committeeId;
		doc = `unit/${unit.id}/duties`;
		yjsUrl = `${t.wsUrl}/yjs/${doc}`;
	});
	afterAll(() => t.close());

	describe('missing, expired or revoked sessions are refused before any byte', () => {
		it('Yjs: no cookie → 401, with or without Origin, and no document byte', async () => {
			const variants: Record<string, string>[] = [{}, { origin: t.origin }];
			for (const headers of variants) {
				const r = await tryUpgrade(yjsUrl, headers);
				expect(r).toMatchObject({ kind: 'refused', status: 401, messages: 0 });
			}
		});

		it('Yjs: malformed cookies and bearer tokens → 401', async () => {
			const variants: Record<string, string>[] = [
				{ cookie: `${SESSION_COOKIE}=${generateToken()}` },
				{ cookie: `${SESSION_COOKIE}=not-a-token` },
				{ cookie: 'other=1' },
				{ authorization: `Bearer yt_${generateToken()}` }
			];
			for (const headers of variants) {
				const r = await tryUpgrade(yjsUrl, { ...headers, origin: t.origin });
				expect(r, JSON.stringify(headers)).toMatchObject({ kind: 'refused', status: 401 });
			}
		});

		it('socket.io: no cookie → the websocket handshake is refused', async () => {
			const r = await tryUpgrade(`${t.wsUrl}${SIO_PATH}`, { origin: t.origin });
			expect(r.kind).toBe('refused');
			if (r.kind === 'refused') {
				expect(r.status).toBeGreaterThanOrEqual(400);
				expect(r.body).toContain('unauthorized');
			}
			expect(await sioOutcome(t.url, { origin: t.origin })).toMatchObject({ connected: false });
		});

		it('a revoked session is refused on both endpoints', async () => {
			const cookie = t.cookie('admin');
			// Sanity: the same cookie is accepted before revocation.
			const before = await tryUpgrade(yjsUrl, { cookie, origin: t.origin });
			expect(before.kind).toBe('open');
			if (before.kind === 'open') before.ws.close();
			invalidateSession(t.db, sessionIdOf(cookie));
			expect(await tryUpgrade(yjsUrl, { cookie, origin: t.origin })).toMatchObject({
				kind: 'refused',
				status: 401
			});
			expect(await tryUpgrade(`${t.wsUrl}${SIO_PATH}`, { cookie, origin: t.origin })).toMatchObject(
				{ kind: 'refused' }
			);
			expect(await sioOutcome(t.url, { cookie, origin: t.origin })).toMatchObject({
				connected: false
			});
		});

		it('an expired session is refused on both endpoints', async () => {
			for (const ageDays of [15, 61]) {
				const token = generateToken();
				// Created long ago: the idle (14 d) or absolute (60 d) limit has passed.
				createSession(t.db, token, t.userId('chair'), Date.now() - ageDays * 86_400_000);
				const cookie = `${SESSION_COOKIE}=${token}`;
				expect(await tryUpgrade(yjsUrl, { cookie, origin: t.origin })).toMatchObject({
					kind: 'refused',
					status: 401
				});
				expect(await sioOutcome(t.url, { cookie, origin: t.origin })).toMatchObject({
					connected: false
				});
			}
		});
	});

	describe('cross-origin handshakes with a valid cookie are refused', () => {
		const foreign = [
			'http://evil.example',
			'null',
			'http://127.0.0.1:1',
			'https://127.0.0.1.evil.example'
		];

		it('Yjs → 403', async () => {
			const cookie = t.cookie('admin');
			for (const origin of foreign) {
				expect(await tryUpgrade(yjsUrl, { cookie, origin }), origin).toMatchObject({
					kind: 'refused',
					status: 403,
					messages: 0
				});
			}
			// The same cookie from the app's own origin is accepted.
			const ok = await tryUpgrade(yjsUrl, { cookie, origin: t.origin });
			expect(ok.kind).toBe('open');
			if (ok.kind === 'open') ok.ws.close();
		});

		it('socket.io → refused', async () => {
			const cookie = t.cookie('admin');
			for (const origin of foreign) {
				const r = await tryUpgrade(`${t.wsUrl}${SIO_PATH}`, { cookie, origin });
				expect(r.kind, origin).toBe('refused');
				expect(await sioOutcome(t.url, { cookie, origin }), origin).toMatchObject({
					connected: false
				});
			}
			expect(await sioOutcome(t.url, { cookie, origin: t.origin })).toEqual({ connected: true });
		});

		it('socket.io long-polling handshake from a foreign origin is refused too', async () => {
			const cookie = t.cookie('admin');
			const bad = await fetch(`${t.url}/socket.io/?EIO=4&transport=polling`, {
				headers: { cookie, origin: 'http://evil.example' }
			});
			expect(bad.status).toBeGreaterThanOrEqual(400);
			expect(await bad.text()).not.toMatch(/"sid"/);
			const good = await fetch(`${t.url}/socket.io/?EIO=4&transport=polling`, {
				headers: { cookie, origin: t.origin }
			});
			expect(good.status).toBe(200);
			expect(await good.text()).toMatch(/"sid"/);
		});
	});

	describe('document names', () => {
		it('unknown or malformed document names → 403 (400 for undecodable ones)', async () => {
			const cookie = t.cookie('admin');
			const cases: [string, number][] = [
				['unit/doesnotexist/duties', 403],
				[`unit/${unitId}/minutes`, 403],
				[`unit/${unitId}/duties/extra`, 403],
				[`meeting/${unitId}/agenda`, 403],
				[`unit/${unitId.toUpperCase()}x/duties`, 403],
				['', 403],
				['..%2F..%2Fetc%2Fpasswd', 403],
				[`unit%2F${unitId}%2Fduties%00`, 403],
				['%E0%A4%A', 400]
			];
			for (const [name, status] of cases) {
				expect(
					await tryUpgrade(`${t.wsUrl}/yjs/${name}`, { cookie, origin: t.origin }),
					name
				).toMatchObject({
					kind: 'refused',
					status,
					messages: 0
				});
			}
			// The encoded form of a real name is the same document.
			const ok = await tryUpgrade(`${t.wsUrl}/yjs/${encodeURIComponent(doc)}`, {
				cookie,
				origin: t.origin
			});
			expect(ok.kind).toBe('open');
			if (ok.kind === 'open') ok.ws.close();
		});

		it("another committee's document → 403 even for an admin", async () => {
			const otherCommittee = 'othercommittee1';
			const otherUnit = 'otherunit1';
			t.db
				.insert(committees)
				.values({
					id: otherCommittee,
					name: '另一个大工委',
					street: '别的街道',
					createdAt: new Date()
				})
				.run();
			t.db
				.insert(units)
				.values({
					id: otherUnit,
					committeeId: otherCommittee,
					name: '别的单位',
					type: 'school',
					createdAt: new Date()
				})
				.run();
			const r = await tryUpgrade(`${t.wsUrl}/yjs/unit/${otherUnit}/duties`, {
				cookie: t.cookie('admin'),
				origin: t.origin
			});
			expect(r).toMatchObject({ kind: 'refused', status: 403 });
		});

		it('upgrades to other paths are refused', async () => {
			const r = await tryUpgrade(`${t.wsUrl}/not-a-socket`, {
				cookie: t.cookie('admin'),
				origin: t.origin
			});
			expect(r).toMatchObject({ kind: 'refused', status: 404 });
		});
	});

	describe('revocation is live (within 5 s)', () => {
		it('invalidateSession closes that session’s Yjs and socket.io connections, not the same person’s other session', async () => {
			const revoked = t.cookie('admin');
			const kept = t.cookie('admin');
			const y1 = await openYjs(yjsUrl, { cookie: revoked, origin: t.origin });
			const y2 = await openYjs(yjsUrl, { cookie: kept, origin: t.origin });
			const s1 = await sioConnected(t.url, { cookie: revoked, origin: t.origin });
			const s2 = await sioConnected(t.url, { cookie: kept, origin: t.origin });

			const at = Date.now();
			invalidateSession(t.db, sessionIdOf(revoked));
			const closed = await Promise.race([
				y1.closed,
				new Promise<null>((r) => setTimeout(() => r(null), 5000))
			]);
			expect(closed, 'Yjs connection still open 5 s after logout').not.toBeNull();
			expect(closed!.code).toBe(YJS_CLOSE.unauthorized);
			expect(closed!.at - at).toBeLessThan(5000);
			await waitFor(() => s1.disconnected() > 0, 5000);
			expect(s1.disconnected() - at).toBeLessThan(5000);
			expect(s1.reason()).toBe('io server disconnect');
			expect(s1.events).toContain('session:ended');

			// The other session's connections still work: a round trip on each.
			expect(y2.ws.readyState).toBe(WebSocket.OPEN);
			const n = y2.messages.length;
			y2.ws.send(Uint8Array.of(0, 0, 1, 0)); // SyncStep1 with an empty state vector
			await waitFor(() => y2.messages.length > n);
			const ack = (await s2.s
				.timeout(2000)
				.emitWithAck('presence:join', { id: 'keep-1', committeeId })) as Result<unknown>;
			expect(ack.ok).toBe(true);
			expect(s2.disconnected()).toBe(0);

			y2.ws.close();
			s2.s.disconnect();
		});

		it('a revoked client that ignores the close frame cannot write any more', async () => {
			const cookie = t.cookie('liaison1');
			const port = Number(new URL(t.url).port);
			const c = await rawWebsocket(port, `/yjs/${doc}`, { cookie, origin: t.origin });
			c.send(0x2, yjsInsertFrame('BEFORE-REVOKE '));
			await waitFor(() =>
				readStoredDoc(t.db, doc).getText('duties').toString().includes('BEFORE-REVOKE ')
			);

			invalidateSession(t.db, sessionIdOf(cookie));
			await waitFor(() => c.closeCode !== null, 5000);
			expect(c.closeCode).toBe(YJS_CLOSE.unauthorized);
			// A client that does not answer the close frame and goes on writing…
			c.send(0x2, yjsInsertFrame('AFTER-REVOKE '));
			// …then closes: the server handles frames in order, so once the connection is gone the
			// write above has been handled.
			c.send(0x8, Buffer.from([0x03, 0xe8]));
			await c.ended;
			expect(readStoredDoc(t.db, doc).getText('duties').toString()).not.toContain('AFTER-REVOKE');
			expect(
				t.app.realtime.yjs.docs.get(doc)?.doc.getText('duties').toString() ?? ''
			).not.toContain('AFTER-REVOKE');
		});

		it('revoking an API token closes the connections opened with it', async () => {
			const { id, token } = createApiToken(t.db, t.userId('supervisor'), 'realtime test');
			const headers = { authorization: `Bearer ${token}`, origin: t.origin };
			const y = await openYjs(yjsUrl, headers);
			const s = await sioConnected(t.url, headers);
			const at = Date.now();
			revokeApiToken(t.db, t.userId('supervisor'), id);
			const closed = await Promise.race([
				y.closed,
				new Promise<null>((r) => setTimeout(() => r(null), 5000))
			]);
			expect(closed, 'Yjs connection still open 5 s after the token was revoked').not.toBeNull();
			expect(closed!.code).toBe(YJS_CLOSE.unauthorized);
			await waitFor(() => s.disconnected() > 0, 5000 - (Date.now() - at));
			expect(await tryUpgrade(yjsUrl, headers)).toMatchObject({ kind: 'refused', status: 401 });
		});

		it('invalidateUserSessions closes every connection of that person', async () => {
			const a = t.cookie('recorder');
			const b = t.cookie('recorder');
			const ya = await openYjs(yjsUrl, { cookie: a, origin: t.origin });
			const yb = await openYjs(yjsUrl, { cookie: b, origin: t.origin });
			const sa = await sioConnected(t.url, { cookie: a, origin: t.origin });
			const at = Date.now();
			invalidateUserSessions(t.db, t.userId('recorder'));
			const [ca, cb] = await Promise.all([ya.closed, yb.closed]);
			expect(ca.code).toBe(YJS_CLOSE.unauthorized);
			expect(cb.code).toBe(YJS_CLOSE.unauthorized);
			expect(Math.max(ca.at, cb.at) - at).toBeLessThan(5000);
			await waitFor(() => sa.disconnected() > 0, 5000);
			expect(await tryUpgrade(yjsUrl, { cookie: a, origin: t.origin })).toMatchObject({
				kind: 'refused',
				status: 401
			});
		});

		it('removal from the committee closes the person’s connections, and they cannot reopen them', async () => {
			const unit2 = t.db.select().from(units).where(eq(units.name, '区卫生健康委员会')).get()!;
			const cookie = t.cookie('liaison2');
			const url = `${t.wsUrl}/yjs/unit/${unit2.id}/duties`;
			const y = await openYjs(url, { cookie, origin: t.origin });
			const s = await sioConnected(t.url, { cookie, origin: t.origin });
			const role = t.db
				.select()
				.from(roleAssignments)
				.where(
					and(
						eq(roleAssignments.userId, t.userId('liaison2')),
						eq(roleAssignments.committeeId, committeeId)
					)
				)
				.get()!;
			const at = Date.now();
			removeRole(t.db, loadActor(t.db, t.userId('admin')), committeeId, role.id);
			const c = await y.closed;
			expect(c.code).toBe(YJS_CLOSE.unauthorized);
			expect(c.at - at).toBeLessThan(5000);
			await waitFor(() => s.disconnected() > 0, 5000);
			// The session is still valid, but the document is no longer theirs to open.
			expect(await tryUpgrade(url, { cookie, origin: t.origin })).toMatchObject({
				kind: 'refused',
				status: 403
			});
		});
	});
});

describe('logout through the API closes live connections (real server process)', () => {
	let p: ServerProcess;
	beforeAll(async () => {
		p = await startServerProcess();
	});
	afterAll(async () => {
		await p.stop('SIGKILL');
	});

	it('POST /api/v1/auth/logout → Yjs and socket.io connections close within 5 s; the cookie is dead', async () => {
		const cookie = await signInCookie(p.url, 'liaison1');
		const unitId = await fetch(`${p.url}/api/v1/units`, { headers: { cookie } })
			.then((r) => r.json() as Promise<unknown>)
			.then((body) => findUnitId(body, '区城市管理局'));
		const wsUrl = p.url.replace('http', 'ws');
		const yjsUrl = `${wsUrl}/yjs/unit/${unitId}/duties`;
		const y = await openYjs(yjsUrl, { cookie, origin: p.url });
		const s = await sioConnected(p.url, { cookie, origin: p.url });

		const at = Date.now();
		const r = await fetch(`${p.url}/api/v1/auth/logout`, {
			method: 'POST',
			headers: { cookie, origin: p.url }
		});
		expect(r.status).toBe(204);
		const closed = await Promise.race([
			y.closed,
			new Promise<null>((res) => setTimeout(() => res(null), 5000))
		]);
		expect(closed, 'Yjs connection still open 5 s after logout').not.toBeNull();
		expect(closed!.code).toBe(YJS_CLOSE.unauthorized);
		expect(closed!.at - at).toBeLessThan(5000);
		await waitFor(() => s.disconnected() > 0, 5000);
		expect(s.disconnected() - at).toBeLessThan(5000);
		expect(s.events).toContain('session:ended');

		expect(await tryUpgrade(yjsUrl, { cookie, origin: p.url })).toMatchObject({
			kind: 'refused',
			status: 401
		});
		expect(await sioOutcome(p.url, { cookie, origin: p.url })).toMatchObject({ connected: false });
		// No token in the server's log.
		expect(p.output()).not.toContain(cookie.split('=')[1]!);
	});
});

/** The id of the unit called `name` in a GET /api/v1/units answer (whatever its envelope). */
function findUnitId(body: unknown, name: string): string {
	const stack: unknown[] = [body];
	while (stack.length) {
		const v = stack.pop();
		if (Array.isArray(v)) stack.push(...(v as unknown[]));
		else if (v && typeof v === 'object') {
			const o = v as Record<string, unknown>;
			if (o.name === name && typeof o.id === 'string') return o.id;
			stack.push(...Object.values(o));
		}
	}
	throw new Error(`unit ${name} not found in ${JSON.stringify(body).slice(0, 200)}`);
}

/** A sync Update frame inserting `text` as a fresh Yjs client. */
function yjsInsertFrame(text: string): Buffer {
	const d = new Y.Doc();
	d.getText('duties').insert(0, text);
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, 0);
	syncProtocol.writeUpdate(e, Y.encodeStateAsUpdate(d));
	d.destroy();
	return Buffer.from(encoding.toUint8Array(e));
}

/**
 * A websocket client by hand on a TCP socket, so that it can misbehave: it does not answer the
 * server's close frame and keeps sending. Reads only what it needs: the close frame's code.
 */
async function rawWebsocket(port: number, path: string, headers: Record<string, string>) {
	const sock = net.connect(port, '127.0.0.1');
	await new Promise<void>((resolve, reject) => {
		sock.once('connect', () => resolve());
		sock.once('error', reject);
	});
	const lines = [
		`GET ${path} HTTP/1.1`,
		`Host: 127.0.0.1:${port}`,
		'Upgrade: websocket',
		'Connection: Upgrade',
		`Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
		'Sec-WebSocket-Version: 13',
		...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)
	];
	sock.write(lines.join('\r\n') + '\r\n\r\n');
	const conn = {
		closeCode: null as number | null,
		ended: new Promise<void>((resolve) => sock.once('close', () => resolve())),
		send(opcode: number, payload: Buffer) {
			const mask = randomBytes(4);
			const len = payload.length;
			const head =
				len < 126
					? Buffer.from([0x80 | opcode, 0x80 | len])
					: Buffer.from([0x80 | opcode, 0x80 | 126, len >> 8, len & 0xff]);
			const body = Buffer.from(payload.map((b, i) => b ^ mask[i % 4]!));
			sock.write(Buffer.concat([head, mask, body]));
		}
	};
	let buf = Buffer.alloc(0);
	let upgraded = false;
	await new Promise<void>((resolve, reject) => {
		sock.on('data', (d: Buffer) => {
			buf = Buffer.concat([buf, d]);
			if (!upgraded) {
				const end = buf.indexOf('\r\n\r\n');
				if (end < 0) return;
				const status = buf.subarray(0, end).toString();
				if (!status.startsWith('HTTP/1.1 101')) return reject(new Error(status));
				upgraded = true;
				buf = buf.subarray(end + 4);
				resolve();
			}
			// Server frames are unmasked: [FIN|opcode][len](ext len)(payload).
			while (buf.length >= 2) {
				let len = buf[1]! & 0x7f;
				let off = 2;
				if (len === 126) {
					if (buf.length < 4) return;
					len = buf.readUInt16BE(2);
					off = 4;
				} else if (len === 127) {
					if (buf.length < 10) return;
					len = Number(buf.readBigUInt64BE(2));
					off = 10;
				}
				if (buf.length < off + len) return;
				if ((buf[0]! & 0x0f) === 0x8) conn.closeCode = len >= 2 ? buf.readUInt16BE(off) : 1005;
				buf = buf.subarray(off + len);
			}
		});
	});
	return conn;
}

describe('a session that expires by itself closes its live connections (promise 13)', () => {
	let t: TestApp;
	beforeAll(async () => {
		t = await startApp({ sessionSweepMs: 100 });
	});
	afterAll(async () => {
		await t.close();
	});

	it('idle expiry passing while connected closes socket.io and Yjs connections within a sweep', async () => {
		const cookie = t.cookie('member1');
		const headers = { cookie, origin: t.origin };
		const unit = t.db.select().from(units).limit(1).get()!;
		const yjs = await openYjs(`${t.wsUrl}/yjs/unit/${unit.id}/duties`, headers);
		const socket = await sioConnected(t.url, headers);
		const other = await sioConnected(t.url, { cookie: t.cookie('member2'), origin: t.origin });
		t.db
			.update(sessions)
			.set({ expiresAt: new Date(Date.now() - 1000) })
			.where(eq(sessions.id, sessionIdOf(cookie)))
			.run();
		const start = Date.now();
		await waitFor(() => socket.disconnected() > 0, 5000);
		const closed = await yjs.closed;
		expect(closed.code).toBe(YJS_CLOSE.unauthorized);
		expect(Date.now() - start).toBeLessThan(5000);
		// Someone else's connection, with a session that stands, stays open.
		expect(other.s.connected).toBe(true);
		other.s.disconnect();
	});
});
