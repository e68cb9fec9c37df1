/**
 * The hall benchmark's driver, in the parent process: it sends the broadcasts (the chair's
 * agenda move to the app, the same state to each baseline), remembers when each was sent, and
 * waits until every load worker says all its clients got it.
 */
import WebSocket from 'ws';
import { io as ioClient, type Socket } from 'socket.io-client';
import type { Child } from './children';
import { emitAck, sioClient } from './load-kit';
import { nowMs, type Kind, type WorkerMessage } from './hall-shared';

interface State {
	version: number;
	[k: string]: unknown;
}

export interface DriverConfig {
	appPort: number;
	wsPort: number;
	sioPort: number;
	meetingId: string;
	chair: string;
	agendaItems: number;
	/** Longest wait for one broadcast to reach every client, ms. */
	receiptTimeoutMs: number;
}

export class Driver {
	/** When each broadcast was sent, by kind and version. */
	readonly sent: Record<Kind, Map<number, number>> = {
		app: new Map(),
		ws: new Map(),
		sio: new Map()
	};
	/** Broadcasts that did not reach every client before the timeout. */
	readonly late: Record<Kind, number> = { app: 0, ws: 0, sio: 0 };
	#gots = new Map<string, number>();
	#waiting: { key: string; need: number; done: () => void } | null = null;
	#chair: Socket;
	#ws: WebSocket;
	#sio: Socket;
	/** The floor state as the chair last got it: the baselines broadcast the same object. */
	#latest: State = { version: 0 };
	#bareVersion = 0;
	#item = 0;
	#dir = 1;
	#moves = 0;
	/** Whether the workers hold clients yet (before, nobody reports receipts). */
	listening = false;

	constructor(
		readonly cfg: DriverConfig,
		readonly workers: Child[]
	) {
		this.#chair = sioClient(`http://127.0.0.1:${cfg.appPort}`, cfg.chair);
		this.#chair.on('hall:state', (s: State) => {
			if (s.version > this.#latest.version) this.#latest = s;
		});
		this.#ws = new WebSocket(`ws://127.0.0.1:${cfg.wsPort}/fan`, { perMessageDeflate: false });
		this.#sio = ioClient(`http://127.0.0.1:${cfg.sioPort}`, {
			transports: ['websocket'],
			reconnection: false,
			forceNew: true,
			auth: { control: true }
		});
		for (const w of workers)
			w.proc.on('message', (m: WorkerMessage) => m.type === 'got' && this.#got(m.kind, m.version));
	}

	async open() {
		// Listened for before anything is awaited: an `open` already past would never come.
		const ws = new Promise((resolve, reject) => {
			this.#ws.once('open', resolve);
			this.#ws.once('error', reject);
		});
		const sio = new Promise((resolve, reject) => {
			this.#sio.once('connect', () => resolve(null));
			this.#sio.once('connect_error', reject);
		});
		const r = await emitAck<{ state: State }>(this.#chair, 'hall:join', {
			id: 'join',
			meetingId: this.cfg.meetingId
		});
		if (!r.ok) throw new Error(`chair hall:join: ${JSON.stringify(r)}`);
		this.#latest = r.value!.state;
		await Promise.all([ws, sio]);
	}

	#got(kind: Kind, version: number) {
		const key = `${kind}:${version}`;
		const n = (this.#gots.get(key) ?? 0) + 1;
		this.#gots.set(key, n);
		const w = this.#waiting;
		if (w && w.key === key && n >= w.need) w.done();
	}

	/** Wait until every worker has reported `version` of `kind` (or the timeout). */
	async #arrived(kind: Kind, version: number): Promise<void> {
		const key = `${kind}:${version}`;
		const need = this.workers.length;
		if (!this.listening) return;
		if ((this.#gots.get(key) ?? 0) < need) {
			const ok = await new Promise<boolean>((resolve) => {
				const t = setTimeout(() => resolve(false), this.cfg.receiptTimeoutMs);
				this.#waiting = { key, need, done: () => (clearTimeout(t), resolve(true)) };
			});
			this.#waiting = null;
			if (!ok) this.late[kind]++;
		}
		this.#gots.delete(key);
	}

	/** One broadcast of `kind`, timed from its send; resolves once it reached every client. */
	async broadcast(kind: Kind): Promise<void> {
		if (kind === 'app') return this.#move();
		const v = ++this.#bareVersion;
		const state = { ...this.#latest, version: v };
		if (kind === 'ws') {
			this.#ws.send(`T${JSON.stringify(state)}`);
			this.sent.ws.set(v, nowMs());
			this.#ws.send(`V${v}`);
		} else {
			this.sent.sio.set(v, nowMs());
			this.#sio.emit('broadcast', state);
		}
		await this.#arrived(kind, v);
	}

	/** The chair moves the agenda (next to the last item, then back): a `hall:state` to everyone. */
	async #move() {
		if (this.#item + this.#dir < 0 || this.#item + this.#dir >= this.cfg.agendaItems)
			this.#dir = -this.#dir;
		const to = this.#dir > 0 ? 'next' : 'previous';
		const t0 = nowMs();
		const r = await emitAck<{ version: number }>(this.#chair, 'hall:agenda', {
			id: `move${this.#moves++}`,
			meetingId: this.cfg.meetingId,
			to
		});
		if (!r.ok) throw new Error(`hall:agenda ${to}: ${JSON.stringify(r)}`);
		this.#item += this.#dir;
		this.sent.app.set(r.value!.version, t0);
		await this.#arrived('app', r.value!.version);
	}

	close() {
		this.#chair.close();
		this.#sio.close();
		this.#ws.terminate();
	}
}
