/**
 * With ORIGIN set, a websocket handshake must name an allowed Origin: browsers always send one,
 * so a handshake without it did not come from Yiting's pages. Checked on the wire for both
 * realtime endpoints, and for socket.io's upgrade from long-polling (which skips allowRequest).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import WebSocket from 'ws';
import { io as ioClient } from 'socket.io-client';
import { startApp, type TestApp } from '../helpers/app';
import { units } from '../../src/lib/server/db/schema';

const ORIGIN = 'https://yiting.example.org';
const SIO_PATH = '/socket.io/?EIO=4&transport=websocket';

/** Resolve with the HTTP status that refused the upgrade, or 101 when it opened. */
function upgradeStatus(url: string, headers: Record<string, string>): Promise<number> {
	return new Promise((resolve, reject) => {
		const ws = new WebSocket(url, { headers });
		ws.on('unexpected-response', (_req, res) => {
			res.resume();
			resolve(res.statusCode ?? 0);
		});
		ws.on('open', () => {
			ws.close();
			resolve(101);
		});
		ws.on('error', reject);
	});
}

/** Connect over long-polling, then report whether the websocket upgrade succeeded. */
function pollingThenUpgrade(url: string, headers: Record<string, string>) {
	const socket = ioClient(url, {
		transports: ['polling', 'websocket'],
		extraHeaders: headers,
		reconnection: false,
		forceNew: true
	});
	return new Promise<'upgraded' | 'refused'>((resolve, reject) => {
		socket.on('connect_error', reject);
		socket.io.engine.on('upgrade', () => resolve('upgraded'));
		socket.io.engine.on('upgradeError', () => resolve('refused'));
	}).finally(() => socket.disconnect());
}

describe('websocket handshakes without Origin when ORIGIN is set', () => {
	let t: TestApp;
	let open: TestApp;
	let yjsPath: string;

	beforeAll(async () => {
		// One after the other: the demo seed writes through the process-wide hub of the app last started.
		open = await startApp();
		t = await startApp({ origins: [ORIGIN] });
		const unit = t.db.select().from(units).where(eq(units.name, '区城市管理局')).get()!;
		yjsPath = `/yjs/unit/${unit.id}/duties`;
	});
	afterAll(async () => {
		await t?.close();
		await open?.close();
	});

	it('socket.io: no Origin → 403, the allowed Origin → open, another → refused', async () => {
		const cookie = t.cookie('admin');
		const url = t.wsUrl + SIO_PATH;
		expect(await upgradeStatus(url, { cookie })).toBe(403);
		expect(await upgradeStatus(url, { cookie, origin: ORIGIN })).toBe(101);
		// A wrong Origin is engine.io's allowRequest refusing: it answers 400.
		expect(await upgradeStatus(url, { cookie, origin: 'https://evil.example' })).toBe(400);
	});

	it('/yjs: no Origin → 403, the allowed Origin → open', async () => {
		const cookie = t.cookie('admin');
		expect(await upgradeStatus(t.wsUrl + yjsPath, { cookie })).toBe(403);
		expect(await upgradeStatus(t.wsUrl + yjsPath, { cookie, origin: ORIGIN })).toBe(101);
	});

	it('socket.io: an upgrade from long-polling without Origin is refused too', async () => {
		const cookie = t.cookie('admin');
		expect(await pollingThenUpgrade(t.url, { cookie })).toBe('refused');
		expect(await pollingThenUpgrade(t.url, { cookie, origin: ORIGIN })).toBe('upgraded');
	});

	it('without ORIGIN, non-browser clients without Origin still pass to authentication', async () => {
		const cookie = open.cookie('admin');
		expect(await upgradeStatus(open.wsUrl + SIO_PATH, { cookie })).toBe(101);
		const unit = open.db.select().from(units).where(eq(units.name, '区城市管理局')).get()!;
		expect(await upgradeStatus(`${open.wsUrl}/yjs/unit/${unit.id}/duties`, { cookie })).toBe(101);
	});
});
