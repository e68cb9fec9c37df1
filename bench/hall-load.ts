/**
 * The hall benchmark's load generator child, pinned by bench/hall.ts to its own core. It gets
 * the servers' ports and the session cookies over IPC, runs every phase and sends the samples
 * back; bench/hall.ts turns them into the table.
 *
 * Clients:
 * - the chair and a few residents are real socket.io-client clients (websocket transport), for
 *   end-to-end figures;
 * - the other residents are raw engine.io v4 / socket.io v5 clients on bare `ws`: answer the open
 *   packet `0{…}` with `40`, answer ping `2` with `3`, send `42<ack>["hall:join",{…}]`, and find
 *   `"version":` in each `42["hall:state",{…}]` frame without parsing the rest, so 500 of them
 *   cost the generator little. The bare-ws baseline clients run the very same receive code.
 * - the minutes editors are a minimal y-websocket client (sync step 1/2, updates) on bare `ws`,
 *   one Y.Doc each; the bare relay baseline uses the same client without the handshake.
 *
 * Times are process.hrtime.bigint() in this one process: the sender's timestamp and every
 * receiver's timestamp come from the same clock.
 */
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as syncProtocol from 'y-protocols/sync';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import {
	nowMs,
	sleep,
	type LoadConfig,
	type LoadMessage,
	type LoadResult,
	type MemSample,
	type Samples
} from './hall-shared';
import { emitAck, getJson, PhaseClock, pool, sioClient, Tracker } from './load-kit';

const send = (m: LoadMessage) => process.send!(m);
const log = (text: string) => send({ type: 'progress', text });

// ------------------------------------------------------------------ receipts

const tracker = new Tracker();
/** The bare baseline's broadcasts have their own, so a straggler is never taken for the app's. */
const bareTracker = new Tracker();

const VERSION_KEY = Buffer.from('"version":');

/** The `version` of a state frame, read from the bytes (no decoding, no JSON parse). */
function versionOf(frame: Buffer): number {
	const i = frame.indexOf(VERSION_KEY);
	if (i < 0) return -1;
	let v = 0;
	for (let j = i + VERSION_KEY.length; j < frame.length; j++) {
		const c = frame[j]!;
		if (c < 48 || c > 57) break;
		v = v * 10 + (c - 48);
	}
	return v;
}

// ------------------------------------------------------------------ raw clients

const STATE_PREFIX = Buffer.from('42["hall:state",');
const PRESENCE_PREFIX = Buffer.from('42["hall:presence",');
const startsWith = (data: Buffer, prefix: Buffer) =>
	data.length >= prefix.length && data.compare(prefix, 0, prefix.length, 0, prefix.length) === 0;

/**
 * A raw socket.io client on bare `ws` (or, with `bare`, a plain ws client of the baseline
 * server: no handshake, same receive path). Frames are looked at as bytes: only acks are decoded.
 */
class RawClient {
	readonly ws: WebSocket;
	readonly ready: Promise<void>;
	#ack = 0;
	#acks = new Map<number, (body: string) => void>();
	presenceFrames = 0;
	presenceBytes = 0;
	stateFrames = 0;
	stateBytes = 0;
	#lastState: Buffer | null = null;

	constructor(
		url: string,
		headers: Record<string, string>,
		bare = false,
		/** Receipts of this client also go to the tracker's sink of this name. */
		readonly tag?: string,
		readonly sink: Tracker = tracker
	) {
		// The same options for the app's and the baseline's clients; UTF-8 is not validated by either.
		this.ws = new WebSocket(url, { headers, perMessageDeflate: false, skipUTF8Validation: true });
		this.ready = new Promise<void>((resolve, reject) => {
			this.ws.once('error', reject);
			this.ws.once('close', (code) => reject(new Error(`closed ${code}`)));
			if (bare) this.ws.once('open', () => resolve());
			this.ws.on('message', (data: Buffer, isBinary) => {
				if (isBinary || data.length === 0) return;
				switch (data[0]) {
					case 48: // '0': engine.io open → connect the default namespace
						this.ws.send('40');
						return;
					case 50: // '2': ping
						this.ws.send('3');
						return;
					case 52: {
						// '4': a socket.io packet
						const t = data[1];
						if (t === 50) {
							if (startsWith(data, STATE_PREFIX)) {
								this.#lastState = data;
								this.stateFrames++;
								this.stateBytes += data.length;
								this.sink.receipt(versionOf(data), this.tag);
							} else if (startsWith(data, PRESENCE_PREFIX)) {
								this.presenceFrames++;
								this.presenceBytes += data.length;
							}
						} else if (t === 51) {
							const text = data.toString();
							let i = 2;
							while (i < text.length && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++;
							const id = Number(text.slice(2, i));
							const cb = this.#acks.get(id);
							this.#acks.delete(id);
							cb?.(text.slice(i));
						} else if (t === 48) resolve();
						else if (t === 52) reject(new Error(`connect_error ${data.toString()}`));
					}
				}
			});
		});
	}

	/** The last `hall:state` frame this client got, as text. */
	get lastStateFrame(): string {
		return this.#lastState?.toString() ?? '';
	}

	/** Emit an event with an acknowledgement; resolves with the ack's raw JSON array text. */
	emit(event: string, payload: unknown, timeoutMs = 10_000): Promise<string> {
		const id = this.#ack++;
		return new Promise((resolve, reject) => {
			const t = setTimeout(() => {
				this.#acks.delete(id);
				reject(new Error(`${event}: no ack in ${timeoutMs} ms`));
			}, timeoutMs);
			this.#acks.set(id, (body) => {
				clearTimeout(t);
				resolve(body);
			});
			this.ws.send(`42${id}${JSON.stringify([event, payload])}`);
		});
	}

	close() {
		this.ws.terminate();
	}
}

// ------------------------------------------------------------------ Yjs clients

/** A minimal y-websocket client: sync step 1/2 and updates (no awareness). */
class YClient {
	readonly doc = new Y.Doc();
	readonly ws: WebSocket;
	readonly synced: Promise<void>;
	text: Y.XmlText | null = null;
	/** Per remote client id: the clock up to which its edits have been seen here. */
	readonly seen = new Map<number, number>();
	onRemote: (() => void) | null = null;

	constructor(url: string, headers: Record<string, string> | undefined, handshake: boolean) {
		this.ws = new WebSocket(url, { headers, perMessageDeflate: false });
		this.ws.binaryType = 'nodebuffer';
		this.synced = new Promise<void>((resolve, reject) => {
			this.ws.once('error', reject);
			this.ws.once('close', (code) => reject(new Error(`closed ${code}`)));
			this.ws.once('open', () => {
				if (!handshake) return resolve();
				const enc = encoding.createEncoder();
				encoding.writeVarUint(enc, 0);
				syncProtocol.writeSyncStep1(enc, this.doc);
				this.ws.send(encoding.toUint8Array(enc));
			});
			this.ws.on('message', (data: Buffer) => {
				const dec = decoding.createDecoder(
					new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
				);
				if (decoding.readVarUint(dec) !== 0) return; // awareness: not simulated
				const enc = encoding.createEncoder();
				encoding.writeVarUint(enc, 0);
				const kind = syncProtocol.readSyncMessage(dec, enc, this.doc, this);
				if (encoding.length(enc) > 1) this.ws.send(encoding.toUint8Array(enc));
				if (kind === syncProtocol.messageYjsSyncStep2) resolve();
			});
		});
		this.doc.on('update', (update: Uint8Array, origin: unknown) => {
			if (origin === this) return this.onRemote?.();
			const enc = encoding.createEncoder();
			encoding.writeVarUint(enc, 0);
			syncProtocol.writeUpdate(enc, update);
			if (this.ws.readyState === WebSocket.OPEN) this.ws.send(encoding.toUint8Array(enc));
		});
	}

	/** Add one's own paragraph at the end of the minutes (Tiptap's fragment), to type into. */
	ownParagraph() {
		const p = new Y.XmlElement('paragraph');
		const t = new Y.XmlText();
		p.insert(0, [t]);
		this.doc.getXmlFragment('default').push([p]);
		this.text = t;
	}

	close() {
		this.ws.terminate();
		this.doc.destroy();
	}
}

const TYPED = '会议讨论了河道异味治理方案，居民代表建议增加巡查频次并公开检测结果。';

/**
 * A group of editors typing: each types `cps` characters a second at the end of its own
 * paragraph, during the blocks it is given; each character is timed from the local insert to
 * its arrival in each other editor's document.
 */
class Typing {
	readonly all: number[] = [];
	edits = 0;
	updateBytes = 0;
	#sent = new Map<number, Map<number, number>>(); // client id → clock → sent at
	#j = 0;

	constructor(
		private readonly editors: YClient[],
		private readonly cps: number
	) {}

	/** Wait until everyone has everyone's paragraph, then count from there. */
	async start() {
		const { editors } = this;
		for (const e of editors) this.#sent.set(e.doc.clientID, new Map());
		const deadline = nowMs() + 10_000;
		while (
			!editors.every((r) =>
				editors.every((e) => r === e || Y.getState(r.doc.store, e.doc.clientID) > 0)
			)
		) {
			if (nowMs() > deadline) throw new Error('editors did not converge');
			await sleep(20);
		}
		await sleep(100);
		for (const r of editors) {
			for (const e of editors)
				if (e !== r) r.seen.set(e.doc.clientID, Y.getState(r.doc.store, e.doc.clientID));
			r.onRemote = () => {
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
			};
		}
		editors[0]!.doc.on('update', (u: Uint8Array, origin: unknown) => {
			if (origin !== editors[0]) this.updateBytes = u.byteLength;
		});
	}

	get expected() {
		return this.edits * (this.editors.length - 1);
	}

	/** Type for `ms`, then wait up to `drainMs` for the last characters to arrive. */
	async block(ms: number, drainMs: number) {
		const { editors, cps } = this;
		const period = 1000 / cps;
		const start = nowMs() + 20;
		const end = start + ms;
		const j0 = this.#j;
		let rounds = 0;
		await Promise.all(
			editors.map(async (e, k) => {
				let j = 0;
				for (;;) {
					const at = start + (k * period) / editors.length + j * period;
					if (at >= end) return;
					const wait = at - nowMs();
					if (wait > 0) await sleep(wait);
					const text = e.text!;
					const clock = Y.getState(e.doc.store, e.doc.clientID);
					this.#sent.get(e.doc.clientID)!.set(clock, nowMs());
					text.insert(text.length, TYPED[(j0 + j + k) % TYPED.length]!);
					this.edits++;
					j++;
					rounds = Math.max(rounds, j);
				}
			})
		);
		this.#j += rounds;
		const drainEnd = nowMs() + drainMs;
		while (this.all.length < this.expected && nowMs() < drainEnd) await sleep(10);
	}

	stop(): Samples & { updateBytes: number } {
		for (const r of this.editors) r.onRemote = null;
		return {
			all: this.all,
			missing: this.expected - this.all.length,
			events: this.edits,
			updateBytes: this.updateBytes
		};
	}
}

// ------------------------------------------------------------------ the run

async function run(cfg: LoadConfig): Promise<LoadResult> {
	const app = `http://127.0.0.1:${cfg.appPort}`;
	const bareUrl = `http://127.0.0.1:${cfg.barePort}`;
	const origin = app;
	const notes: string[] = [];
	const meetingId = cfg.meetingId;
	const urls: [string, string] = [app, bareUrl];

	// --- the chair and the socket.io-client residents ------------------------------------------
	const sio = (cookie: string) => sioClient(app, cookie);
	const emit = emitAck;
	const chair = sio(cfg.chair);
	const sioResidents = cfg.residents.slice(0, cfg.sioResidents).map(sio);
	const rawCookies = cfg.residents.slice(cfg.sioResidents);
	let current = -1;
	/** The latest floor state as the chair got it: the baseline broadcasts the same object. */
	let latest: Record<string, unknown> = { meetingId, version: 0 };
	/** Extra look at each state the chair gets (the hand-raise burst). */
	let chairWatch: ((s: { version: number; queue: unknown[] }) => void) | null = null;
	chair.on('hall:state', (s: { version: number; queue: unknown[] }) => {
		if (s.version > current) {
			current = s.version;
			latest = s as unknown as Record<string, unknown>;
		}
		tracker.receipt(s.version, 'chair');
		chairWatch?.(s);
	});
	for (const s of sioResidents)
		s.on('hall:state', (st: { version: number }) => tracker.receipt(st.version, 'sio'));
	for (const s of [chair, ...sioResidents]) {
		const r = await emit<{ state: { version: number } }>(s, 'hall:join', { id: 'join', meetingId });
		if (!r.ok) throw new Error(`hall:join failed: ${JSON.stringify(r)}`);
		if (r.value!.state.version > current) {
			current = r.value!.state.version;
			latest = r.value!.state as unknown as Record<string, unknown>;
		}
	}
	log(
		`chair and ${sioResidents.length} socket.io-client residents in the hall (version ${current})`
	);

	const raws: RawClient[] = [];
	const inHall = () => 1 + sioResidents.length + raws.length;

	// The chair moves through the agenda: next to the end, then back, and so on.
	let idx = 0;
	let dir = 1;
	const move = async (id: string, all: number[], tagged?: Map<string, number[]>) => {
		if (idx + dir < 0 || idx + dir >= cfg.agendaItems) dir = -dir;
		const to = dir > 0 ? 'next' : 'previous';
		const v = current + 1;
		tracker.arm(v, inHall(), all, tagged);
		const r = await emit<{ version: number }>(chair, 'hall:agenda', { id, meetingId, to });
		const ackMs = nowMs() - tracker.t0;
		if (!r.ok || r.value!.version !== v)
			throw new Error(`hall:agenda ${to}: ${JSON.stringify(r)} (expected version ${v})`);
		idx += dir;
		const w = await tracker.wait(cfg.receiptTimeoutMs);
		current = Math.max(current, v);
		return { ackMs, ...w };
	};

	// Warm up the paths (JIT, prepared statements) before the baseline memory sample.
	for (let i = 0; i < 5; i++) {
		await move(`warm${i}`, []);
		await sleep(100);
	}
	const before = await getJson<MemSample>(`${app}/__bench/mem`);

	// --- the raw residents join ------------------------------------------------------------------
	// Connect first (socket.io connection, authenticated), then join: memory is sampled between.
	log(`connecting ${rawCookies.length} raw clients…`);
	const connected: RawClient[] = [];
	const tc = nowMs();
	await pool(rawCookies, 25, cfg.joinBudgetMs, async (cookie) => {
		const c = new RawClient(`ws://127.0.0.1:${cfg.appPort}/socket.io/?EIO=4&transport=websocket`, {
			cookie,
			origin
		});
		await c.ready;
		connected.push(c);
	});
	const connectMs = nowMs() - tc;
	const afterConnect = await getJson<MemSample>(`${app}/__bench/mem`);
	log(`joining ${connected.length} raw clients…`);
	const takeEmits = () => getJson<Record<string, number[]>>(`${app}/__bench/emits`);
	await takeEmits();
	const joinClock = new PhaseClock(urls);
	await joinClock.start();
	const t0 = nowMs();
	const ackBytes: number[] = [];
	const joined = await pool(connected, 25, cfg.joinBudgetMs, async (c) => {
		const ack = await c.emit('hall:join', { id: 'join', meetingId });
		if (!ack.startsWith('[{"ok":true'))
			throw new Error(`raw hall:join failed: ${ack.slice(0, 200)}`);
		ackBytes.push(Buffer.byteLength(ack));
		raws.push(c);
	});
	const joinMs = nowMs() - t0;
	await sleep(500); // the last presence broadcasts land before they are counted
	const joinCpu = await joinClock.stop();
	const joinEmits = await takeEmits();
	if (joined < rawCookies.length)
		notes.push(
			`only ${joined} of ${rawCookies.length} raw clients joined within ${cfg.joinBudgetMs / 1000} s`
		);
	const afterJoin = await getJson<MemSample>(`${app}/__bench/mem`);
	const participants = sioResidents.length + raws.length;
	log(`${participants} residents + the chair in the hall after ${(joinMs / 1000).toFixed(1)} s`);

	// --- the bare baseline's clients: as many, connected alongside ---------------------------------
	const bareBefore = await getJson<MemSample>(`${bareUrl}/__bench/mem`);
	const bare: RawClient[] = [];
	const bareCount = inHall();
	await pool(
		Array.from({ length: bareCount }, (_, i) => i),
		25,
		cfg.joinBudgetMs,
		async (i) => {
			const c = new RawClient(
				`ws://127.0.0.1:${cfg.barePort}/fan`,
				{},
				true,
				i === 0 ? 'first' : undefined,
				bareTracker
			);
			await c.ready;
			bare[i] = c;
		}
	);
	const bareAfter = await getJson<MemSample>(`${bareUrl}/__bench/mem`);
	const ctl = bare[0]!;
	/** One bare broadcast of the hall's latest state (same JSON, the same version number as the hall's next). */
	const bareBroadcast = async (all: number[], first?: number[]) => {
		const v = current + 1;
		ctl.ws.send(`T${JSON.stringify(latest)}`);
		bareTracker.arm(v, bare.length, all, first ? new Map([['first', first]]) : undefined);
		ctl.ws.send(`V${v}`);
		return bareTracker.wait(cfg.receiptTimeoutMs);
	};
	for (let i = 0; i < 5; i++) {
		await bareBroadcast([]);
		await sleep(50);
	}
	log(`${bare.length} bare ws clients connected`);

	// --- agenda moves, each followed by a bare broadcast ----------------------------------------------
	const moveAll: number[] = [];
	const moveLast: number[] = [];
	const moveAck: number[] = [];
	const moveSio = new Map([
		['sio', [] as number[]],
		['chair', [] as number[]]
	]);
	const fanAll: number[] = [];
	const fanFirst: number[] = [];
	const fanLast: number[] = [];
	let moveMissing = 0;
	let fanMissing = 0;
	let moves = 0;
	let firstFrame = 0;
	await takeEmits();
	const movesClock = new PhaseClock(urls);
	await movesClock.start();
	const movesEnd = nowMs() + cfg.phaseBudgetMs;
	for (let i = 0; i < cfg.moves && nowMs() < movesEnd; i++) {
		// At most 10 moves a second (the chair's bucket refills at 20 events a second).
		let started = nowMs();
		const r = await move(`move${i}`, moveAll, moveSio);
		moves++;
		moveAck.push(r.ackMs);
		moveMissing += r.missing;
		if (!r.missing) moveLast.push(r.last);
		if (i === 0) firstFrame = Buffer.byteLength(raws[0]?.lastStateFrame ?? '');
		await sleep(Math.max(20, 50 - (nowMs() - started)));
		started = nowMs();
		const b = await bareBroadcast(fanAll, fanFirst);
		fanMissing += b.missing;
		if (!b.missing) fanLast.push(b.last);
		await sleep(Math.max(20, 50 - (nowMs() - started)));
	}
	const movesCpu = await movesClock.stop();
	const movesEmits = await takeEmits();
	const lastFrame = raws[0]?.lastStateFrame ?? '';
	const bareFrame = bare[1]?.lastStateFrame ?? '';
	if (Buffer.byteLength(bareFrame) !== Buffer.byteLength(lastFrame))
		notes.push(
			`bare frame ${Buffer.byteLength(bareFrame)} B vs hall frame ${Buffer.byteLength(lastFrame)} B`
		);
	log(`${moves} moves, each followed by a bare broadcast`);

	// --- hand raises, each followed by a bare broadcast -------------------------------------------------
	const handAll: number[] = [];
	const handChair = new Map([['chair', [] as number[]]]);
	const bareHandAll: number[] = [];
	const bareHandFirst: number[] = [];
	let handMissing = 0;
	let bareHandMissing = 0;
	let hands = 0;
	let handFrame = 0;
	await takeEmits();
	const handsClock = new PhaseClock(urls);
	await handsClock.start();
	const handsEnd = nowMs() + cfg.phaseBudgetMs;
	for (let k = 0; k < cfg.hands && k < raws.length && nowMs() < handsEnd; k++) {
		const who = raws[(k * 7) % raws.length]!;
		for (const raise of [true, false]) {
			const started = nowMs();
			const v = current + 1;
			tracker.arm(v, inHall(), raise ? handAll : [], raise ? handChair : undefined);
			const ack = await who.emit('hall:hand', { id: `hand${k}-${raise}`, meetingId, raise });
			if (!ack.startsWith(`[{"ok":true,"value":{"version":${v}}`))
				throw new Error(`hall:hand: ${ack} (expected version ${v})`);
			const w = await tracker.wait(cfg.receiptTimeoutMs);
			current = Math.max(current, v);
			if (raise) {
				handMissing += w.missing;
				if (!handFrame)
					handFrame = Buffer.byteLength(raws.find((c) => c !== who)?.lastStateFrame ?? '');
			}
			await sleep(Math.max(20, 40 - (nowMs() - started)));
		}
		const started = nowMs();
		const b = await bareBroadcast(bareHandAll, bareHandFirst);
		bareHandMissing += b.missing;
		await sleep(Math.max(20, 40 - (nowMs() - started)));
		hands++;
	}
	const handsCpu = await handsClock.stop();
	const handsEmits = await takeEmits();
	log(`${hands} hand raises (each lowered again), each followed by a bare broadcast`);
	// --- a burst: many residents raise their hands at once ("who wants to speak?") --------------------
	const burstSize = Math.min(cfg.burst, raws.length - 1);
	const burstWho = raws.slice(0, burstSize);
	const observer = raws[raws.length - 1]!; // a resident not in the burst: what everyone receives
	const burstWait = (pred: (s: { queue: unknown[] }) => boolean) =>
		new Promise<number>((resolve) => {
			const t = setTimeout(() => {
				chairWatch = null;
				resolve(NaN);
			}, cfg.phaseBudgetMs / 2);
			const start = nowMs();
			chairWatch = (s) => {
				if (!pred(s)) return;
				clearTimeout(t);
				chairWatch = null;
				resolve(nowMs() - start);
			};
		});
	await takeEmits();
	const obsFrames0 = observer.stateFrames;
	const obsBytes0 = observer.stateBytes;
	const burstClock = new PhaseClock(urls);
	await burstClock.start();
	const raised = burstWait((s) => s.queue.length >= burstSize);
	const burstAcks = burstWho.map((c, k) =>
		c.emit('hall:hand', { id: `burst${k}`, meetingId, raise: true })
	);
	const burstMs = await raised;
	const burstCpu = await burstClock.stop();
	await Promise.all(burstAcks);
	await sleep(200);
	const burstFrames = observer.stateFrames - obsFrames0;
	const burstBytes = observer.stateBytes - obsBytes0;
	const burstLargest = Buffer.byteLength(observer.lastStateFrame);
	const burstEmits = await takeEmits();
	const lowered = burstWait((s) => s.queue.length === 0);
	const lowerAcks = burstWho.map((c, k) =>
		c.emit('hall:hand', { id: `burstdown${k}`, meetingId, raise: false })
	);
	const lowerMs = await lowered;
	await Promise.all(lowerAcks);
	await sleep(200);
	await takeEmits();
	if (Number.isNaN(burstMs) || Number.isNaN(lowerMs))
		notes.push('the hand-raise burst did not complete in time');
	log(`burst: ${burstSize} hands at once, all in the chair's queue after ${burstMs.toFixed(0)} ms`);

	const afterPhases = await getJson<MemSample>(`${app}/__bench/mem`);
	for (const c of bare) c.close();

	// --- minutes: editors over the real /yjs endpoint, in blocks alternating with a bare relay -----------
	const docUrl = `ws://127.0.0.1:${cfg.appPort}/yjs/meeting/${meetingId}/minutes`;
	const editors = cfg.editors.map((cookie) => new YClient(docUrl, { cookie, origin }, true));
	await Promise.all(editors.map((e) => e.synced));
	for (const e of editors) e.ownParagraph();
	const appTyping = new Typing(editors, cfg.charsPerSecond);
	await appTyping.start();
	const initial = Y.encodeStateAsUpdate(editors[0]!.doc);
	const relayEditors = cfg.editors.map(
		() => new YClient(`ws://127.0.0.1:${cfg.barePort}/relay`, undefined, false)
	);
	await Promise.all(relayEditors.map((e) => e.synced));
	for (const e of relayEditors) {
		Y.applyUpdate(e.doc, initial, e); // the same starting document, not sent
		e.ownParagraph();
	}
	const bareTyping = new Typing(relayEditors, cfg.charsPerSecond);
	await bareTyping.start();
	const editsClock = new PhaseClock(urls);
	await editsClock.start();
	const BLOCK_MS = 3000;
	const blocks = Math.max(1, Math.round((cfg.editSeconds * 1000) / BLOCK_MS));
	for (let b = 0; b < blocks; b++) {
		await appTyping.block(BLOCK_MS, 1000);
		await bareTyping.block(BLOCK_MS, 1000);
	}
	const editsCpu = await editsClock.stop();
	const edits = appTyping.stop();
	const relay = bareTyping.stop();
	for (const e of [...editors, ...relayEditors]) e.close();
	log(
		`${edits.events} edits by ${editors.length} editors, ${relay.events} relayed, in alternating ${BLOCK_MS / 1000} s blocks`
	);

	chair.close();
	for (const s of sioResidents) s.close();
	for (const c of raws) c.close();

	return {
		type: 'result',
		participants,
		rawClients: raws.length,
		sioClients: sioResidents.length + 1,
		join: {
			connectMs,
			ms: joinMs,
			presenceFrames: raws.reduce((a, c) => a + c.presenceFrames, 0),
			presenceBytes: raws.reduce((a, c) => a + c.presenceBytes, 0),
			ackBytesMean: ackBytes.reduce((a, b) => a + b, 0) / Math.max(1, ackBytes.length),
			ackBytesMax: Math.max(0, ...ackBytes)
		},
		memory: {
			before,
			afterConnect,
			afterJoin,
			afterPhases,
			bareBefore,
			bareAfter,
			bareClients: bare.length
		},
		stateFrameBytes: {
			first: firstFrame,
			last: Buffer.byteLength(lastFrame),
			handRaised: handFrame
		},
		moves: {
			all: moveAll,
			last: moveLast,
			missing: moveMissing,
			events: moves,
			sio: moveSio.get('sio')!,
			chair: moveSio.get('chair')!,
			ack: moveAck
		},
		hands: { all: handAll, missing: handMissing, events: hands, chair: handChair.get('chair')! },
		bareFan: { all: fanAll, first: fanFirst, last: fanLast, missing: fanMissing, events: moves },
		bareHand: { all: bareHandAll, first: bareHandFirst, missing: bareHandMissing, events: hands },
		edits,
		bareRelay: relay,
		cpu: { join: joinCpu, moves: movesCpu, hands: handsCpu, edits: editsCpu },
		emits: { join: joinEmits, moves: movesEmits, hands: handsEmits },
		burst: {
			hands: burstSize,
			allInQueueMs: burstMs,
			allLoweredMs: lowerMs,
			framesToOne: burstFrames,
			bytesToOne: burstBytes,
			largestFrame: burstLargest,
			emitMs: burstEmits['hall:state'] ?? [],
			cpu: burstCpu
		},
		notes
	};
}

process.once('message', (cfg: LoadConfig) => {
	run(cfg)
		.then((r) => send(r))
		.catch((e: unknown) =>
			send({ type: 'error', message: e instanceof Error ? (e.stack ?? e.message) : String(e) })
		)
		.finally(() => setTimeout(() => process.exit(0), 200));
});
