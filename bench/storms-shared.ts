/**
 * What the storms benchmark's processes (bench/storms.ts, storms-server.ts, storms-load.ts) say
 * to each other over their IPC channels.
 */

/** storms-server.ts → parent, once the probe listens (the app itself is polled on /healthz). */
export interface ProbeReady {
	type: 'probe';
	port: number;
}

/** The probe's answer: the server's event-loop delay since the last read, ms. */
export interface LoopDelay {
	p50: number;
	p95: number;
	p99: number;
	max: number;
}

/** parent → storms-load.ts */
export interface StormsConfig {
	type: 'config';
	/** The app, e.g. http://127.0.0.1:4400 */
	url: string;
	/** The server's probe (event-loop delay, CPU), e.g. http://127.0.0.1:39211 */
	probe: string;
	meetingId: string;
	/** Cookie header values (`yt_session=…`): the chair, then one per distinct person. */
	chair: string;
	people: string[];
	/** How many of `people` drop and come back in the reconnect storm. */
	reconnect: number;
	/** The arrivals of the join storm are spread evenly over this long, ms. */
	spreadMs: number;
	/** How long /healthz is polled on the idle server for the baseline, ms. */
	baselineMs: number;
	/** Longest any storm may take before the generator gives up on it, ms. */
	budgetMs: number;
}

/** One storm's figures, as the generator measured them. */
export interface StormSamples {
	/** /healthz round trips while the storm lasted, ms. */
	healthz: number[];
	/** /healthz requests that failed (twice) or were answered with an error. */
	healthzFailures: number;
	/** Per person: emit of `hall:join` → its ack, ms (empty for the leave storm). */
	acks: number[];
	/** Storm start → the last person in (or, leaving: the observer sees the hall empty), ms. */
	allDoneMs: number;
	/** People who were not in (or not gone) before the budget ran out. */
	missing: number;
	/** The server's event-loop delay over the storm. */
	loop: LoopDelay;
	/** Share of one core, 0..1: the generator, and the server. */
	cpu: { generator: number; server: number };
	/** What the storm checked at its end (counts, versions), in words. */
	checks: string[];
}

/** storms-load.ts → parent */
export interface StormsResult {
	type: 'result';
	baseline: StormSamples;
	join: StormSamples;
	leave: StormSamples;
	reconnect: StormSamples;
	notes: string[];
}

export type StormsMessage =
	StormsResult | { type: 'progress'; text: string } | { type: 'error'; message: string };
