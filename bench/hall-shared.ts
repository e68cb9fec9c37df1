/**
 * What the hall benchmark's processes (bench/hall.ts, hall-server.ts, hall-bare.ts,
 * hall-load.ts) say to each other over their IPC channels, and small helpers they share.
 */

/** hall-server.ts → parent, once the app is listening with its people made and the meeting live. */
export interface ServerReady {
	type: 'ready';
	port: number;
	meetingId: string;
	/** Cookie header values (`yt_session=…`). */
	chair: string;
	residents: string[];
	editors: string[];
	/** Voting members of the meeting's units (BENCH_HALL_MEMBERS, 0 for the hall part). */
	members: string[];
	agendaItems: number;
	setupMs: number;
}

/** hall-bare.ts → parent. */
export interface BareReady {
	type: 'ready';
	port: number;
}

/** What the debug endpoints `/__bench/mem` and `/__bench/cpu` of the two server children answer. */
export interface MemSample {
	rss: number;
	heapUsed: number;
	heapTotal: number;
	external: number;
	arrayBuffers: number;
}
export interface CpuSample {
	/** process.cpuUsage() user + system, µs. */
	cpuUs: number;
	/** process.hrtime.bigint() as a number, ns. */
	wallNs: number;
}

/** parent → hall-load.ts */
export interface LoadConfig {
	type: 'config';
	appPort: number;
	barePort: number;
	meetingId: string;
	chair: string;
	residents: string[];
	editors: string[];
	agendaItems: number;
	/** Real socket.io-client residents (the rest are raw engine.io clients). */
	sioResidents: number;
	moves: number;
	hands: number;
	/** Residents raising their hands at once in the burst. */
	burst: number;
	editSeconds: number;
	charsPerSecond: number;
	/** Time budgets, ms. */
	joinBudgetMs: number;
	phaseBudgetMs: number;
	/** Longest wait for one broadcast to reach every client, ms. */
	receiptTimeoutMs: number;
}

/** Latency samples of one measured thing, ms. */
export interface Samples {
	/** Every receipt (client × event). */
	all: number[];
	/** Per event: when the last client got it. */
	last?: number[];
	/** Receipts expected but not seen before the timeout. */
	missing: number;
	/** Events sent. */
	events: number;
}

export interface PhaseCpu {
	/** Share of one core, 0..1, over the phase's wall time. */
	generator: number;
	/** The app server's process. */
	server: number;
	/** The bare ws baseline's process. */
	bare: number;
	wallMs: number;
}

/** hall-load.ts → parent */
export interface LoadResult {
	type: 'result';
	participants: number;
	rawClients: number;
	sioClients: number;
	join: {
		connectMs: number;
		ms: number;
		presenceFrames: number;
		presenceBytes: number;
		ackBytesMean: number;
		ackBytesMax: number;
	};
	memory: {
		before: MemSample;
		/** The raw residents connected (socket.io, authenticated) but not yet in the hall. */
		afterConnect: MemSample;
		afterJoin: MemSample;
		afterPhases: MemSample;
		bareBefore: MemSample;
		bareAfter: MemSample;
		bareClients: number;
	};
	stateFrameBytes: { first: number; last: number; handRaised: number };
	moves: Samples & { sio: number[]; chair: number[]; ack: number[] };
	hands: Samples & { chair: number[] };
	/** Interleaved with the moves: one bare broadcast after each move. `first`: the first-connected client (the chair's place). */
	bareFan: Samples & { first: number[] };
	/** Interleaved with the hand raises. */
	bareHand: Samples & { first: number[] };
	edits: Samples & { updateBytes: number };
	/** Interleaved with the editing, in blocks. */
	bareRelay: Samples;
	cpu: { join: PhaseCpu; moves: PhaseCpu; hands: PhaseCpu; edits: PhaseCpu };
	/** `burst` residents raise their hands at once; the chair's view and what one resident receives. */
	burst: {
		hands: number;
		allInQueueMs: number;
		allLoweredMs: number;
		framesToOne: number;
		bytesToOne: number;
		largestFrame: number;
		emitMs: number[];
		/** Until all hands were in the chair's queue. */
		cpu: PhaseCpu;
	};
	/** Server side: how long each broadcast (hub.emit → socket.io to the room) took, by event, per phase, ms. */
	emits: {
		join: Record<string, number[]>;
		moves: Record<string, number[]>;
		hands: Record<string, number[]>;
	};
	notes: string[];
}

export type LoadMessage =
	LoadResult | { type: 'progress'; text: string } | { type: 'error'; message: string };

/** Nearest-rank percentile of sorted samples. */
export function pct(sorted: number[], p: number): number {
	if (!sorted.length) return NaN;
	return sorted[
		Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
	]!;
}

export const nowMs = () => Number(process.hrtime.bigint()) / 1e6;
export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Memory after two full collections (the child must run with --expose-gc). */
export function memSample(): MemSample {
	const gc = (globalThis as { gc?: () => void }).gc;
	if (gc) {
		gc();
		gc();
	}
	const m = process.memoryUsage();
	return {
		rss: m.rss,
		heapUsed: m.heapUsed,
		heapTotal: m.heapTotal,
		external: m.external,
		arrayBuffers: m.arrayBuffers
	};
}

export function cpuSample(): CpuSample {
	const u = process.cpuUsage();
	return { cpuUs: u.user + u.system, wallNs: Number(process.hrtime.bigint()) };
}

/** The bench's own debug endpoints, answered by the children's request handlers (never by app code). */
export function debugEndpoint(url: string | undefined): string | null {
	if (url === '/__bench/mem') return JSON.stringify(memSample());
	if (url === '/__bench/cpu') return JSON.stringify(cpuSample());
	return null;
}
