/**
 * What the crash rounds (tests/integration/crash-rounds.test.ts) do while the server may die at
 * any moment, and what they were told was done: ballots over socket.io, task steps and progress
 * reports over the API, and minutes editors on y-websocket that keep their copy (and go on
 * editing) while the server is down. Every answer the clients got is written down, so that after
 * the restart the test can ask for each one.
 */
import * as Y from 'yjs';
import type { Socket } from 'socket.io-client';
import { connectDoc, type TestDocClient } from './yjs-client';
import { api, connectSocket, emit, type Caller } from './votes';
import { MINUTES_FIELD } from '../../src/lib/server/minutes/render';

/** A small seeded generator (mulberry32), so that a failing round can be run again. */
export function rng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Everything a client was answered "done" for. */
export interface Acks {
	ballots: { voteId: string; code: string }[];
	reports: { taskId: string; id: string }[];
	/** The last status each task was acknowledged in (after accept or submit). */
	status: Map<string, string>;
	sent: { ballots: number; reports: number; steps: number };
	/** How many task steps were acknowledged. */
	steps: number;
	/** The votes ballots were sent in. */
	votes: Set<string>;
}

export const newAcks = (): Acks => ({
	ballots: [],
	reports: [],
	status: new Map(),
	sent: { ballots: 0, reports: 0, steps: 0 },
	steps: 0,
	votes: new Set()
});

/** Voters' connections, made before the round so that it starts with everyone there. */
export async function connectVoters(url: string, cookies: string[]): Promise<Socket[]> {
	return Promise.all(cookies.map((c) => connectSocket(url, c)));
}

/**
 * Each voter casts at a random moment of the window; an answer that never comes (the server
 * died) is no ack. Returns when every voter has its answer or gave up, its connection closed.
 */
export async function castBallots(
	sockets: Socket[],
	voteId: string,
	windowMs: number,
	rand: () => number,
	acks: Acks
): Promise<void> {
	acks.votes.add(voteId);
	try {
		await Promise.all(
			sockets.map(async (s, i) => {
				await sleep(rand() * windowMs);
				if (!s.connected) return;
				acks.sent.ballots++;
				const choice = ['yes', 'no', 'abstain'][i % 3];
				try {
					const r = await emit<{ trackingCode: string }>(s, 'vote:cast', { voteId, choice }, 3000);
					if (r.ok) acks.ballots.push({ voteId, code: r.value.trackingCode });
					else throw new Error(`ballot refused: ${JSON.stringify(r.error)}`);
				} catch (err) {
					if (!(err instanceof Error) || !/timed out|has been disconnected/i.test(err.message))
						throw err;
				}
			})
		);
	} finally {
		for (const s of sockets) s.close();
	}
}

/**
 * One unit's work on one task, step after step: accept, two progress reports, hand in. The chain
 * stops at the first call the dead server cannot answer; any other refusal is a failure.
 */
export async function workTask(
	url: string,
	liaison: Caller,
	taskId: string,
	rand: () => number,
	acks: Acks
): Promise<void> {
	const call = async (p: string, body?: unknown) => {
		try {
			return await api(url, 'POST', `/tasks/${taskId}${p}`, liaison, body);
		} catch {
			return null; // no answer: the server died with it in flight
		}
	};
	const steps: (() => Promise<boolean>)[] = [
		async () => status(await call('/accept'), 'in_progress'),
		async () => report(await call('/reports', { progress: 30, text: '已到现场查看' })),
		async () => report(await call('/reports', { progress: 70, text: '已完成大部分' })),
		async () => status(await call('/submit'), 'submitted')
	];
	function status(r: Awaited<ReturnType<typeof call>>, want: string): boolean {
		acks.sent.steps++;
		if (!r) return false;
		if (r.status !== 200 || r.body.status !== want)
			throw new Error(`task step refused: ${r.status} ${JSON.stringify(r.body)}`);
		acks.status.set(taskId, want);
		acks.steps++;
		return true;
	}
	function report(r: Awaited<ReturnType<typeof call>>): boolean {
		acks.sent.reports++;
		if (!r) return false;
		if (r.status !== 201) throw new Error(`report refused: ${r.status} ${JSON.stringify(r.body)}`);
		acks.reports.push({ taskId, id: r.body.id as string });
		return true;
	}
	for (const s of steps) {
		await sleep(rand() * 150);
		if (!(await s())) return;
	}
}

/**
 * A recorder's or the chair's editor on the minutes: a real `WebsocketProvider` that reconnects on
 * its own, adding a paragraph every few milliseconds whether or not the server is there.
 */
export class MinutesEditor {
	readonly client: TestDocClient;
	#timer: NodeJS.Timeout | null = null;
	#n = 0;
	constructor(
		wsUrl: string,
		docName: string,
		cookie: string,
		origin: string,
		readonly tag: string
	) {
		this.client = connectDoc(wsUrl, docName, { cookie, origin });
	}

	start(everyMs: number): void {
		this.#timer = setInterval(() => {
			const p = new Y.XmlElement('paragraph');
			p.insert(0, [new Y.XmlText(`${this.tag}-${++this.#n}`)]);
			this.client.doc.getXmlFragment(MINUTES_FIELD).push([p]);
		}, everyMs);
	}

	stop(): void {
		if (this.#timer) clearInterval(this.#timer);
		this.#timer = null;
	}

	get edits(): number {
		return this.#n;
	}

	/** Connected and synced with the server (after a reconnect, too). */
	get live(): boolean {
		return this.client.provider.wsconnected && this.client.provider.synced;
	}
}

/** Edits of `of` that `doc` lacks, per client id (empty when `doc` holds all of them). */
export function missing(doc: Y.Doc, of: Y.Doc): Record<number, number> {
	const have = Y.decodeStateVector(Y.encodeStateVector(doc));
	const out: Record<number, number> = {};
	for (const [client, clock] of Y.decodeStateVector(Y.encodeStateVector(of))) {
		if ((have.get(client) ?? 0) < clock) out[client] = clock - (have.get(client) ?? 0);
	}
	return out;
}
