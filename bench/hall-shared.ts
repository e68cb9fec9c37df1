/**
 * What the hall benchmark's processes (bench/hall.ts, hall-server.ts, hall-bare.ts,
 * hall-bare-sio.ts, hall-load.ts) say to each other over their IPC channels, and small helpers
 * they share (bench/votes.ts uses the server child too).
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

/** hall-bare.ts and hall-bare-sio.ts → parent. */
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

export interface PhaseCpu {
	/** Share of one core, 0..1, over the phase's wall time. */
	generator: number;
	/** The app server's process. */
	server: number;
	/** The bare ws baseline's process. */
	bare: number;
	wallMs: number;
}

/** Who receives the fan-out: the app (Yiting's server), the bare `ws` and the bare socket.io baselines. */
export type Kind = 'app' | 'ws' | 'sio';
export const KINDS: Kind[] = ['app', 'ws', 'sio'];

/** parent → hall-load.ts (a load worker), once. */
export interface WorkerConfig {
	type: 'config';
	appPort: number;
	wsPort: number;
	sioPort: number;
	meetingId: string;
}

/** parent → worker: connect these app residents (and join the hall) and as many baseline clients. */
export interface ConnectOrder {
	type: 'connect';
	cookies: string[];
}

/** Receipt times (absolute, `nowMs()`: CLOCK_MONOTONIC, the same in every process) by version. */
export interface Receipts {
	versions: number[];
	times: number[];
}

/** worker → parent */
export type WorkerMessage =
	| { type: 'ready' }
	| { type: 'connected'; clients: Record<Kind, number>; ms: number }
	/** Every client of this worker got `version` of `kind`. */
	| { type: 'got'; kind: Kind; version: number }
	| { type: 'samples'; receipts: Record<Kind, Receipts>; cpuUs: number }
	| { type: 'error'; message: string };

/** parent → worker */
export type WorkerOrder = WorkerConfig | ConnectOrder | { type: 'take' } | { type: 'stop' };

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
