/**
 * The minutes benchmark's load generator: real y-websocket `WebsocketProvider` clients (signed
 * in with their session cookie where the server asks for one) editing one document together on
 * each server it is given, in short blocks that alternate between the servers so that the
 * machine's changing load falls on all of them alike. Each editor types into its own paragraph
 * of the Tiptap fragment; each character is timed from the local insert to its arrival in every
 * other editor's document (process.hrtime). Started by bench/minutes.ts.
 */
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { nowMs, sleep } from './hall-shared';

export interface Target {
	label: string;
	/** ws://host:port/yjs (the document name is appended by the provider). */
	base: string;
	docName: string;
	/** Cookie per editor; absent for the reference server (it asks for none). */
	cookies?: string[];
	origin?: string;
}

export interface MinutesLoadConfig {
	type: 'config';
	targets: Target[];
	editors: number;
	/** Characters a second each editor types. */
	cps: number;
	blockMs: number;
	rounds: number;
}

export interface MinutesLoadResult {
	type: 'result';
	/** Per target label: every receipt latency (ms), and receipts that never arrived. */
	samples: Record<string, { all: number[]; missing: number; edits: number }>;
	/** This process's CPU over the typing, as a share of one core. */
	cpuShare: number;
}

const TYPED = '会议讨论了河道异味治理方案，居民代表建议增加巡查频次并公开检测结果。';

function headersSocket(headers: Record<string, string>) {
	return class extends WebSocket {
		constructor(url: string | URL, protocols?: string | string[]) {
			super(url, protocols, { headers, perMessageDeflate: false });
		}
	};
}

class Editor {
	readonly doc = new Y.Doc();
	readonly provider: WebsocketProvider;
	text: Y.XmlText | null = null;
	/** Per other editor's client id: the clock up to which its edits arrived here. */
	readonly seen = new Map<number, number>();
	onRemote: (() => void) | null = null;

	constructor(t: Target, i: number) {
		const headers: Record<string, string> = {};
		if (t.cookies) headers.cookie = t.cookies[i]!;
		if (t.origin) headers.origin = t.origin;
		this.provider = new WebsocketProvider(t.base, t.docName, this.doc, {
			WebSocketPolyfill: headersSocket(headers) as unknown as typeof globalThis.WebSocket,
			disableBc: true
		});
		this.doc.on('update', (_u: Uint8Array, origin: unknown) => {
			if (origin === this.provider) this.onRemote?.();
		});
	}

	synced(): Promise<void> {
		return new Promise((resolve) => {
			if (this.provider.synced) resolve();
			else this.provider.once('sync', (s: boolean) => s && resolve());
		});
	}

	ownParagraph() {
		const p = new Y.XmlElement('paragraph');
		const t = new Y.XmlText();
		p.insert(0, [t]);
		this.doc.getXmlFragment('default').push([p]);
		this.text = t;
	}

	close() {
		this.provider.destroy();
		this.doc.destroy();
	}
}

/** One group of editors on one server, typing in the blocks it is given. */
class Group {
	readonly all: number[] = [];
	edits = 0;
	#sent = new Map<number, Map<number, number>>();
	#j = 0;

	constructor(readonly editors: Editor[]) {}

	async start() {
		const { editors } = this;
		await Promise.all(editors.map((e) => e.synced()));
		for (const e of editors) e.ownParagraph();
		for (const e of editors) this.#sent.set(e.doc.clientID, new Map());
		const deadline = nowMs() + 20_000;
		const everyone = () =>
			editors.every((r) =>
				editors.every((e) => r === e || Y.getState(r.doc.store, e.doc.clientID) > 0)
			);
		while (!everyone()) {
			if (nowMs() > deadline) throw new Error('editors did not converge');
			await sleep(20);
		}
		for (const r of editors) {
			for (const e of editors)
				if (e !== r) r.seen.set(e.doc.clientID, Y.getState(r.doc.store, e.doc.clientID));
			r.onRemote = () => this.#receive(r);
		}
	}

	#receive(r: Editor) {
		const now = nowMs();
		for (const [id, from] of r.seen) {
			const to = Y.getState(r.doc.store, id);
			if (to === from) continue;
			const times = this.#sent.get(id)!;
			for (let c = from; c < to; c++) {
				const t = times.get(c);
				if (t !== undefined) this.all.push(now - t);
			}
			r.seen.set(id, to);
		}
	}

	get expected() {
		return this.edits * (this.editors.length - 1);
	}

	/** Type for `ms` (editors spread evenly over each period), then let the last ones arrive. */
	async block(ms: number, cps: number) {
		const period = 1000 / cps;
		const start = nowMs() + 20;
		const end = start + ms;
		const j0 = this.#j;
		let rounds = 0;
		await Promise.all(
			this.editors.map(async (e, k) => {
				for (let j = 0; ; j++) {
					const at = start + (k * period) / this.editors.length + j * period;
					if (at >= end) return;
					const wait = at - nowMs();
					if (wait > 0) await sleep(wait);
					this.#sent.get(e.doc.clientID)!.set(Y.getState(e.doc.store, e.doc.clientID), nowMs());
					e.text!.insert(e.text!.length, TYPED[(j0 + j + k) % TYPED.length]!);
					this.edits++;
					rounds = Math.max(rounds, j + 1);
				}
			})
		);
		this.#j += rounds;
		const drainEnd = nowMs() + 2000;
		while (this.all.length < this.expected && nowMs() < drainEnd) await sleep(10);
	}

	close() {
		for (const e of this.editors) e.close();
	}
}

async function run(cfg: MinutesLoadConfig): Promise<MinutesLoadResult> {
	const groups = new Map<string, Group>();
	for (const t of cfg.targets) {
		const g = new Group(Array.from({ length: cfg.editors }, (_, i) => new Editor(t, i)));
		await g.start();
		groups.set(t.label, g);
	}
	await sleep(300);
	const cpu0 = process.cpuUsage();
	const wall0 = nowMs();
	for (let r = 0; r < cfg.rounds; r++)
		for (const g of groups.values()) await g.block(cfg.blockMs, cfg.cps);
	const cpu = process.cpuUsage(cpu0);
	const cpuShare = (cpu.user + cpu.system) / 1000 / (nowMs() - wall0);
	const samples: MinutesLoadResult['samples'] = {};
	for (const [label, g] of groups) {
		samples[label] = { all: g.all, missing: g.expected - g.all.length, edits: g.edits };
		g.close();
	}
	return { type: 'result', samples, cpuShare };
}

if (!process.send) throw new Error('minutes-load.ts is started by bench/minutes.ts (IPC)');
process.on('message', (m: MinutesLoadConfig | { type: 'stop' }) => {
	if (m.type === 'stop') process.exit(0);
	if (m.type !== 'config') return;
	run(m).then(
		(r) => process.send!(r),
		(err: unknown) => process.send!({ type: 'error', message: String(err) })
	);
});
