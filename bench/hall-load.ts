/**
 * A load worker of the hall benchmark (bench/hall.ts starts several, all on the generator's
 * core). It holds a share of the receiving clients of all three servers and records when each
 * `hall:state` arrives; the parent sends the broadcasts and turns the times into percentiles.
 *
 * Every client parses what it receives, as a browser would:
 * - app: socket.io-client (websocket transport), signed in with a resident's session cookie and
 *   in the hall (`hall:join` acknowledged); it decodes every packet (engine.io, socket.io parser,
 *   JSON) and hands the state to its `hall:state` listener;
 * - sio: the same socket.io-client code against the bare socket.io server;
 * - ws: a `ws` client that parses each frame with JSON.parse (the frame is socket.io's bytes).
 *
 * Times are `nowMs()` (CLOCK_MONOTONIC), comparable across the processes of one machine.
 */
import WebSocket from 'ws';
import type { Socket } from 'socket.io-client';
import { io as ioClient } from 'socket.io-client';
import {
	KINDS,
	nowMs,
	type Kind,
	type Receipts,
	type WorkerConfig,
	type WorkerMessage,
	type WorkerOrder
} from './hall-shared';
import { emitAck, pool, sioClient } from './load-kit';

const send = (m: WorkerMessage) => process.send!(m);

interface HallState {
	version: number;
}

/** Receipts of one kind of client, and how many of them each version still waits for. */
class Sink {
	clients = 0;
	receipts: Receipts = { versions: [], times: [] };
	#counts = new Map<number, number>();
	constructor(readonly kind: Kind) {}

	receipt(version: number) {
		this.receipts.versions.push(version);
		this.receipts.times.push(nowMs());
		const n = (this.#counts.get(version) ?? 0) + 1;
		this.#counts.set(version, n);
		if (n === this.clients) {
			this.#counts.delete(version);
			send({ type: 'got', kind: this.kind, version });
		}
	}

	take(): Receipts {
		const r = this.receipts;
		this.receipts = { versions: [], times: [] };
		this.#counts.clear();
		return r;
	}
}

const sinks = Object.fromEntries(KINDS.map((k) => [k, new Sink(k)])) as Record<Kind, Sink>;
const sockets: Socket[] = [];
const bare: WebSocket[] = [];
let cfg: WorkerConfig;

async function connectApp(cookie: string) {
	const s = sioClient(`http://127.0.0.1:${cfg.appPort}`, cookie);
	s.on('hall:state', (st: HallState) => sinks.app.receipt(st.version));
	const r = await emitAck(s, 'hall:join', { id: 'join', meetingId: cfg.meetingId }, 120_000);
	if (!r.ok) throw new Error(`hall:join: ${JSON.stringify(r)}`);
	sockets.push(s);
	sinks.app.clients++;
}

async function connectSio() {
	const s = ioClient(`http://127.0.0.1:${cfg.sioPort}`, {
		transports: ['websocket'],
		reconnection: false,
		forceNew: true
	});
	s.on('hall:state', (st: HallState) => sinks.sio.receipt(st.version));
	await new Promise<void>((resolve, reject) => {
		s.once('connect', resolve);
		s.once('connect_error', reject);
	});
	sockets.push(s);
	sinks.sio.clients++;
}

async function connectWs() {
	const ws = new WebSocket(`ws://127.0.0.1:${cfg.wsPort}/fan`, { perMessageDeflate: false });
	ws.on('message', (data: Buffer) => {
		const [event, st] = JSON.parse(data.toString().slice(2)) as [string, HallState];
		if (event === 'hall:state') sinks.ws.receipt(st.version);
	});
	await new Promise<void>((resolve, reject) => {
		ws.once('open', resolve);
		ws.once('error', reject);
	});
	bare.push(ws);
	sinks.ws.clients++;
}

async function connect(cookies: string[]) {
	const t0 = nowMs();
	// Joining is the slow part (each person's attendance is stored): fewer at once, waited for longer.
	await Promise.all([
		pool(cookies, 6, 1_500_000, connectApp),
		pool(cookies, 6, 1_500_000, () => connectSio()),
		pool(cookies, 6, 1_500_000, () => connectWs())
	]);
	const clients = Object.fromEntries(KINDS.map((k) => [k, sinks[k].clients])) as Record<
		Kind,
		number
	>;
	send({ type: 'connected', clients, ms: nowMs() - t0 });
}

function stop() {
	for (const s of sockets) s.close();
	for (const w of bare) w.terminate();
	setTimeout(() => process.exit(0), 100);
}

process.on('message', (m: WorkerOrder) => {
	const fail = (e: unknown) =>
		send({ type: 'error', message: e instanceof Error ? (e.stack ?? e.message) : String(e) });
	try {
		if (m.type === 'config') {
			cfg = m;
			send({ type: 'ready' });
		} else if (m.type === 'connect') connect(m.cookies).catch(fail);
		else if (m.type === 'take') {
			const u = process.cpuUsage();
			const receipts = Object.fromEntries(KINDS.map((k) => [k, sinks[k].take()])) as Record<
				Kind,
				Receipts
			>;
			send({ type: 'samples', receipts, cpuUs: u.user + u.system });
		} else if (m.type === 'stop') stop();
	} catch (e) {
		fail(e);
	}
});
process.on('disconnect', stop);
