/**
 * The storms benchmark's load generator child, pinned by bench/storms.ts to its own core. Every
 * person is a real socket.io-client connection (websocket transport) signed in with their own
 * session; while a storm lasts, /healthz of the same server is polled one request at a time.
 *
 * 1. baseline: /healthz on the idle server (the chair alone in the hall);
 * 2. join: the people arrive spread evenly over `spreadMs`, each entering the hall at once;
 * 3. leave: all of them disconnect at the same moment; done when the chair's view is empty;
 * 4. reconnect: `reconnect` people in the hall lose their connection at once and come back as
 *    a browser does (socket.io-client's own reconnection, re-entering on `connect`) while the
 *    chair moves the agenda; done when every one has a snapshot with the new state.
 */
import type { Socket } from 'socket.io-client';
import { nowMs, sleep } from './hall-shared';
import { emitAck, getJson, sioClient } from './load-kit';
import { io as ioClient } from 'socket.io-client';
import type { HallSnapshot, AttendanceSummary } from '../src/lib/shared/hall';
import type { CpuSample } from './hall-shared';
import type {
	LoopDelay,
	StormSamples,
	StormsConfig,
	StormsMessage,
	StormsResult
} from './storms-shared';

const send = (m: StormsMessage) => process.send!(m);
const log = (text: string) => send({ type: 'progress', text });

let seq = 0;
const eventId = () => `storm-${++seq}`;

/** /healthz one request at a time, 10 ms apart, until stopped. */
class HealthPoller {
	readonly samples: number[] = [];
	/** Requests that failed twice or were answered with an error status. */
	failures = 0;
	#running = true;
	readonly #done: Promise<void>;
	constructor(url: string) {
		this.#done = (async () => {
			while (this.#running) {
				const t = nowMs();
				// Once more on a dropped connection: a kept-alive socket the server closed meanwhile.
				const ok = await this.#get(url).catch(() => this.#get(url).catch(() => false));
				if (ok) this.samples.push(nowMs() - t);
				else this.failures++;
				await sleep(10);
			}
		})();
	}
	async #get(url: string): Promise<boolean> {
		const r = await fetch(`${url}/healthz`);
		await r.arrayBuffer();
		return r.ok;
	}
	async stop(): Promise<number[]> {
		this.#running = false;
		await this.#done;
		return this.samples;
	}
}

/** The server's event-loop delay and CPU share, and the generator's own, over one storm. */
class StormClock {
	#server!: CpuSample;
	#gen = process.cpuUsage();
	#wall = nowMs();
	constructor(private readonly probe: string) {}
	async start() {
		await getJson<LoopDelay>(`${this.probe}/eld`); // reset
		this.#server = await getJson<CpuSample>(`${this.probe}/cpu`);
		this.#gen = process.cpuUsage();
		this.#wall = nowMs();
	}
	async stop() {
		const wall = nowMs() - this.#wall;
		const g = process.cpuUsage(this.#gen);
		const loop = await getJson<LoopDelay>(`${this.probe}/eld`);
		const s = await getJson<CpuSample>(`${this.probe}/cpu`);
		const server = (s.cpuUs - this.#server.cpuUs) / ((s.wallNs - this.#server.wallNs) / 1e3);
		return { loop, cpu: { generator: (g.user + g.system) / 1e3 / wall, server } };
	}
}

/** The chair: in the hall throughout, following who is in it. */
interface Observer {
	s: Socket;
	inHall: number;
	/** Resolves once the hall holds exactly `n` people (as the chair is told). */
	until(n: number, timeoutMs: number): Promise<boolean>;
}

async function observer(cfg: StormsConfig): Promise<Observer> {
	const s = sioClient(cfg.url, cfg.chair);
	await new Promise<void>((resolve, reject) => {
		s.once('connect', () => resolve());
		s.once('connect_error', reject);
	});
	const join = await emitAck<HallSnapshot>(s, 'hall:join', {
		id: eventId(),
		meetingId: cfg.meetingId
	});
	if (!join.ok) throw new Error(`the chair could not enter: ${join.error?.code}`);
	let wake: (() => void) | null = null;
	const o: Observer = {
		s,
		inHall: join.value!.attendance.inHall,
		async until(n, timeoutMs) {
			const end = nowMs() + timeoutMs;
			while (o.inHall !== n && nowMs() < end)
				await new Promise<void>((r) => {
					wake = r;
					setTimeout(r, 50);
				});
			return o.inHall === n;
		}
	};
	s.on('hall:presence', (p: { attendance: AttendanceSummary }) => {
		o.inHall = p.attendance.inHall;
		wake?.();
	});
	return o;
}

/** A person's connection; re-enters the hall on every (re)connect and remembers the answers. */
interface Person {
	s: Socket;
	/** Every entry's ack time and the state version its snapshot had. */
	entries: { ms: number; at: number; version: number }[];
}

function person(
	cfg: StormsConfig,
	cookie: string,
	reconnect: boolean,
	onEntry: () => void
): Person {
	const s = reconnect
		? ioClient(cfg.url, {
				transports: ['websocket'],
				extraHeaders: { cookie, origin: cfg.url },
				forceNew: true
			})
		: sioClient(cfg.url, cookie);
	const p: Person = { s, entries: [] };
	s.on('connect', () => {
		const t = nowMs();
		emitAck<HallSnapshot>(s, 'hall:join', { id: eventId(), meetingId: cfg.meetingId }, cfg.budgetMs)
			.then((r) => {
				if (!r.ok) throw new Error(`hall:join refused: ${r.error?.code}`);
				const at = nowMs();
				p.entries.push({ ms: at - t, at, version: r.value!.state.version });
				onEntry();
			})
			.catch((err: unknown) => log(`an entry failed: ${String(err)}`));
	});
	return p;
}

/** Run one storm: `act` starts it and resolves when it is over (or returns the missing count). */
async function storm(
	cfg: StormsConfig,
	act: () => Promise<{ allDoneMs: number; missing: number; acks: number[]; checks: string[] }>,
	minMs = 2000
): Promise<StormSamples> {
	const clock = new StormClock(cfg.probe);
	await clock.start();
	const poller = new HealthPoller(cfg.url);
	const t0 = nowMs();
	const outcome = await act();
	// Poll at least `minMs`, so every storm's percentiles come from a similar number of requests.
	await sleep(Math.max(0, t0 + minMs - nowMs()));
	const healthz = await poller.stop();
	const { loop, cpu } = await clock.stop();
	return { ...outcome, healthz, healthzFailures: poller.failures, loop, cpu };
}

const waitCount = async (count: () => number, n: number, deadline: number) => {
	while (count() < n && nowMs() < deadline) await sleep(5);
};

async function main(cfg: StormsConfig): Promise<StormsResult> {
	const notes: string[] = [];
	const chair = await observer(cfg);
	log('baseline: /healthz on the idle server…');
	const baseline = await storm(
		cfg,
		async () => {
			await sleep(cfg.baselineMs);
			return { allDoneMs: 0, missing: 0, acks: [], checks: [] };
		},
		cfg.baselineMs
	);

	log(`join storm: ${cfg.people.length} people within ${cfg.spreadMs / 1000} s…`);
	let people: Person[] = [];
	let entered = 0;
	const join = await storm(cfg, async () => {
		const t0 = nowMs();
		const step = cfg.spreadMs / cfg.people.length;
		const started = cfg.people.map(
			(cookie, i) =>
				new Promise<Person>((resolve) =>
					setTimeout(() => resolve(person(cfg, cookie, false, () => entered++)), i * step)
				)
		);
		people = await Promise.all(started);
		await waitCount(() => entered, people.length, t0 + cfg.budgetMs);
		const last = Math.max(...people.map((p) => p.entries[0]?.at ?? 0));
		await chair.until(people.length + 1, 5000);
		return {
			allDoneMs: last - t0,
			missing: people.length - entered,
			acks: people.flatMap((p) => p.entries.map((e) => e.ms)),
			checks: [`the chair saw ${chair.inHall} in the hall (expected ${people.length + 1})`]
		};
	});

	log('leave storm: everyone disconnects at once…');
	const leave = await storm(cfg, async () => {
		const t0 = nowMs();
		for (const p of people) p.s.disconnect();
		const empty = await chair.until(1, cfg.budgetMs);
		return {
			allDoneMs: nowMs() - t0,
			missing: empty ? 0 : chair.inHall - 1,
			acks: [],
			checks: [`the chair saw ${chair.inHall} in the hall (expected 1)`]
		};
	});

	const reconnect = await reconnectStorm(cfg, chair, notes);
	chair.s.disconnect();
	return { type: 'result', baseline, join, leave, reconnect, notes };
}

async function reconnectStorm(cfg: StormsConfig, chair: Observer, notes: string[]) {
	log(`reconnect storm: ${cfg.reconnect} people in the hall first…`);
	let entries = 0;
	const crowd: Person[] = [];
	for (const cookie of cfg.people.slice(0, cfg.reconnect)) {
		crowd.push(person(cfg, cookie, true, () => entries++));
		await sleep(10); // arriving calmly: only the drop is measured
	}
	await waitCount(() => entries, crowd.length, nowMs() + cfg.budgetMs);
	await chair.until(crowd.length + 1, 10_000);
	await sleep(1000);
	log('…and they all drop at once');
	return storm(cfg, async () => {
		const t0 = nowMs();
		entries = 0;
		// The transport goes as in a network blip; socket.io-client reconnects on its own schedule.
		for (const p of crowd) p.s.io.engine.close();
		const moved = await emitAck<{ version: number }>(chair.s, 'hall:agenda', {
			id: eventId(),
			meetingId: cfg.meetingId,
			to: 'next'
		});
		if (!moved.ok) notes.push(`the agenda move during the storm was refused: ${moved.error?.code}`);
		const version = moved.value?.version ?? 0;
		await waitCount(() => entries, crowd.length, t0 + cfg.budgetMs);
		const back = crowd.map((p) => p.entries.at(-1)!).filter((e) => e && e.at > t0);
		const current = back.filter((e) => e.version >= version).length;
		const full = await chair.until(crowd.length + 1, 5000);
		const snap = await emitAck<HallSnapshot>(chair.s, 'hall:join', {
			id: eventId(),
			meetingId: cfg.meetingId
		});
		const lastAt = Math.max(...back.map((e) => e.at));
		for (const p of crowd) p.s.disconnect();
		return {
			allDoneMs: lastAt - t0,
			missing: crowd.length - back.length,
			acks: back.map((e) => e.ms),
			checks: [
				`${back.length} of ${crowd.length} back, ${current} with the state moved during the storm (version ≥ ${version})`,
				`the chair saw ${chair.inHall} in the hall${full ? '' : ' (NOT the expected count)'}; its snapshot lists ${snap.value?.participants.length} participants (expected ${crowd.length + 1})`
			]
		};
	});
}

process.once('message', (cfg: StormsConfig) => {
	main(cfg)
		.then((r) => {
			send(r);
			setTimeout(() => process.exit(0), 200);
		})
		.catch((err: unknown) => {
			send({
				type: 'error',
				message: err instanceof Error ? (err.stack ?? err.message) : String(err)
			});
			setTimeout(() => process.exit(1), 200);
		});
});
