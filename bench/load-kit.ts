/**
 * What the load generators (bench/hall-load.ts, bench/votes-load.ts) share: fetching the
 * servers' debug endpoints, running work a few at a time, and a phase's CPU use.
 */
import { io as ioClient, type Socket } from 'socket.io-client';
import { nowMs, type CpuSample, type PhaseCpu } from './hall-shared';

export async function getJson<T>(url: string): Promise<T> {
	// Once more on a dropped connection: a kept-alive socket the busy server closed meanwhile.
	const r = await fetch(url).catch(() => fetch(url));
	if (!r.ok) throw new Error(`${url}: ${r.status}`);
	return (await r.json()) as T;
}

/** Run `fn` over `items`, `limit` at a time, until done or `budgetMs` is spent; returns how many ran. */
export async function pool<T>(
	items: T[],
	limit: number,
	budgetMs: number,
	fn: (x: T, i: number) => Promise<void>
): Promise<number> {
	let next = 0;
	let done = 0;
	const deadline = nowMs() + budgetMs;
	await Promise.all(
		Array.from({ length: Math.min(limit, items.length) }, async () => {
			while (next < items.length && nowMs() < deadline) {
				const i = next++;
				await fn(items[i]!, i);
				done++;
			}
		})
	);
	return done;
}

/** CPU use of this process and of the servers (the app's, and the bare baseline's if any) over one phase. */
export class PhaseClock {
	#gen = process.cpuUsage();
	#wall = nowMs();
	#servers: CpuSample[] = [];
	constructor(private readonly urls: [app: string, bare?: string]) {}
	async start() {
		this.#servers = await Promise.all(this.urls.map((u) => getJson<CpuSample>(`${u}/__bench/cpu`)));
		this.#gen = process.cpuUsage();
		this.#wall = nowMs();
	}
	async stop(): Promise<PhaseCpu> {
		const wallMs = nowMs() - this.#wall;
		const g = process.cpuUsage(this.#gen);
		const now = await Promise.all(this.urls.map((u) => getJson<CpuSample>(`${u}/__bench/cpu`)));
		const share = (i: number) =>
			(now[i]!.cpuUs - this.#servers[i]!.cpuUs) /
			((now[i]!.wallNs - this.#servers[i]!.wallNs) / 1e3);
		return {
			generator: (g.user + g.system) / 1e3 / wallMs,
			server: share(0),
			bare: this.urls.length > 1 ? share(1) : NaN,
			wallMs
		};
	}
}

/** A real socket.io-client connection to the app, signed in by its session cookie. */
export function sioClient(app: string, cookie: string): Socket {
	return ioClient(app, {
		transports: ['websocket'],
		extraHeaders: { cookie, origin: app },
		reconnection: false,
		forceNew: true
	});
}

export type Ack<T> = { ok: boolean; value?: T; error?: { code: string } };

/** Emit an event and wait for its acknowledgement (rejects after `timeoutMs`). */
export const emitAck = <T>(
	s: Socket,
	event: string,
	payload: unknown,
	timeoutMs = 10_000
): Promise<Ack<T>> =>
	new Promise((resolve, reject) =>
		s
			.timeout(timeoutMs)
			.emit(event, payload, (err: unknown, res: Ack<T>) =>
				err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve(res)
			)
	);

/**
 * The broadcast being timed: its version (or any number that names it), when it was sent, and
 * the receipts so far.
 */
export class Tracker {
	version = -1;
	t0 = 0;
	need = 0;
	got = 0;
	all: number[] = [];
	/** Extra sinks by client tag (the chair, the socket.io-client clients). */
	tagged = new Map<string, number[]>();
	#done: (() => void) | null = null;
	#last = 0;

	arm(version: number, need: number, all: number[], tagged: Map<string, number[]> = new Map()) {
		this.version = version;
		this.need = need;
		this.got = 0;
		this.all = all;
		this.tagged = tagged;
		this.#last = 0;
		this.t0 = nowMs();
	}

	receipt(version: number, tag?: string) {
		if (version !== this.version) return;
		const dt = nowMs() - this.t0;
		this.all.push(dt);
		if (tag) this.tagged.get(tag)?.push(dt);
		this.#last = dt;
		if (++this.got >= this.need) this.#done?.();
	}

	/** Wait for every receipt or the timeout; returns the receipts missing and the last one's time. */
	async wait(timeoutMs: number): Promise<{ missing: number; last: number }> {
		if (this.got < this.need) {
			await new Promise<void>((resolve) => {
				const t = setTimeout(resolve, timeoutMs);
				this.#done = () => {
					clearTimeout(t);
					resolve();
				};
			});
			this.#done = null;
		}
		const missing = this.need - this.got;
		this.version = -1; // late receipts no longer count
		return { missing, last: this.#last };
	}
}
