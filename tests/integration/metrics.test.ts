/**
 * `GET /metrics`: Prometheus text for a scraper holding METRICS_TOKEN, nothing for anyone else,
 * and figures that follow what happens on the server (connections, a hall, a loaded document,
 * events by name and result, ack and HTTP latency, event-loop delay).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { io as ioClient, type Socket } from 'socket.io-client';
import { startApp, type TestApp } from '../helpers/app';
import { RawPeer } from '../helpers/raw-yjs-peer';
import { loadActor } from '../../src/lib/server/auth/session';
import { meetings, units } from '../../src/lib/server/db/schema';
import { startMeeting } from '../../src/lib/server/hall/session';
import type { Result } from '../../src/lib/shared/result';

const TOKEN = 'scrape-4f1c9e';

/** The value of one sample (`name{labels} value`), or undefined when it is not exposed. */
function sample(text: string, series: string): number | undefined {
	const line = text.split('\n').find((l) => l.startsWith(series + ' '));
	return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('GET /metrics', () => {
	let t: TestApp;
	let socket: Socket;
	let peer: RawPeer;
	let meetingId: string;

	const scrape = async (headers: Record<string, string> = { authorization: `Bearer ${TOKEN}` }) =>
		fetch(`${t.url}/metrics`, { headers });

	beforeAll(async () => {
		t = await startApp({ metricsToken: TOKEN });
		meetingId = t.db.select().from(meetings).where(eq(meetings.visibility, 'public')).get()!.id;
	});
	afterAll(async () => {
		socket?.disconnect();
		peer?.ws.close();
		await t.close();
	});

	it('needs the token: none or a wrong one → 401', async () => {
		expect((await scrape({})).status).toBe(401);
		expect((await scrape({ authorization: 'Bearer nope' })).status).toBe(401);
		expect((await scrape({ authorization: TOKEN })).status).toBe(401);
	});

	it('does not exist without METRICS_TOKEN', async () => {
		const bare = await startApp({ seed: false });
		try {
			const r = await fetch(`${bare.url}/metrics`, {
				headers: { authorization: `Bearer ${TOKEN}` }
			});
			expect(r.status).toBe(404);
		} finally {
			await bare.close();
		}
	});

	it('counts connections, halls, documents, events and latencies', async () => {
		const before = await (await scrape()).text();
		expect(sample(before, 'yiting_socket_connections')).toBe(0);
		expect(sample(before, 'yiting_halls_live')).toBe(0);
		expect(sample(before, 'yiting_yjs_documents_loaded')).toBe(0);

		socket = ioClient(t.url, {
			transports: ['websocket'],
			extraHeaders: { cookie: t.cookie('chair'), origin: t.origin },
			reconnection: false,
			forceNew: true
		});
		await new Promise<void>((resolve, reject) => {
			socket.once('connect', () => resolve());
			socket.once('connect_error', reject);
		});
		startMeeting(t.db, loadActor(t.db, t.userId('chair')), meetingId);
		const joined: Result<unknown> = await socket.emitWithAck('hall:join', { id: 'j1', meetingId });
		expect(joined.ok).toBe(true);
		const refused: Result<unknown> = await socket.emitWithAck('hall:join', { id: 'j2' });
		expect(refused.ok).toBe(false);
		const unit = t.db.select().from(units).get()!;
		peer = new RawPeer(`${t.wsUrl}/yjs/unit/${unit.id}/duties`, {
			cookie: t.cookie('admin'),
			origin: t.origin
		});
		await peer.opened;
		await peer.barrier();
		// This test app's page handler answers 404 to everything.
		expect((await fetch(`${t.url}/needs`)).status).toBe(404);

		const r = await scrape();
		expect(r.status).toBe(200);
		expect(r.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
		const text = await r.text();
		expect(sample(text, 'yiting_socket_connections')).toBe(1);
		expect(sample(text, 'yiting_yjs_connections')).toBe(1);
		expect(sample(text, 'yiting_halls_live')).toBe(1);
		expect(sample(text, 'yiting_yjs_documents_loaded')).toBe(1);
		expect(sample(text, 'yiting_socket_events_total{event="hall:join",result="ok"}')).toBe(1);
		expect(sample(text, 'yiting_socket_events_total{event="hall:join",result="bad_request"}')).toBe(
			1
		);
		expect(sample(text, 'yiting_socket_ack_seconds_count{event="hall:join"}')).toBe(2);
		expect(
			sample(text, 'yiting_http_request_seconds_count{method="GET",route="page",status="404"}')
		).toBe(1);
		expect(sample(text, 'nodejs_eventloop_lag_p99_seconds')).toBeGreaterThan(0);
	});
});
