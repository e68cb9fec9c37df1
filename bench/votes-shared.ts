/**
 * What the votes benchmark's parent (bench/votes.ts) and its load generator
 * (bench/votes-load.ts) say to each other over IPC. The server child is the hall's
 * (bench/hall-server.ts, with BENCH_HALL_MEMBERS voting members).
 */
import type { PhaseCpu } from './hall-shared';

/** parent → votes-load.ts */
export interface VotesConfig {
	type: 'config';
	appPort: number;
	meetingId: string;
	/** Cookie header values (`yt_session=…`). */
	chair: string;
	voters: string[];
	/** Every voter sends once, their send times spread evenly over this window. */
	spreadMs: number;
	/** Longest wait for one broadcast to reach every client, or for every ack, ms. */
	receiptTimeoutMs: number;
}

/** The votes taken, in order. */
export interface VoteKind {
	label: string;
	method: 'yna' | 'schulze';
	secret: boolean;
	/** Named votes may show the running count while open: the heavier path, so it is on. */
	liveResults: boolean;
	options?: string[];
}

/** One round of N sends spread over the window: each send's time to its acknowledgement. */
export interface AckRound {
	acks: number[];
	failed: number;
	/** Refusals by error code. */
	errors: Record<string, number>;
	/** First send to last send, ms (the intended window is `spreadMs`). */
	spreadMs: number;
	/** First send to last ack, ms. */
	wallMs: number;
	cpu: PhaseCpu;
	/** Server side: how long each broadcast took, by event (ms). */
	emits: Record<string, number[]>;
}

/** One broadcast to every voter: each voter's time from the chair's emit to its arrival. */
export interface Fanout {
	all: number[];
	missing: number;
	/** The chair's own acknowledgement. */
	ackMs: number;
	cpu: PhaseCpu;
	emits: Record<string, number[]>;
}

export interface VoteRun {
	kind: VoteKind;
	/** The roll as the vote opened (counts.eligible / counts.present). */
	eligible: number;
	present: number;
	opened: Fanout;
	baseline: AckRound;
	cast: AckRound;
	/** Acks carrying a tracking code. */
	codes: number;
	/** The lowest last `vote:count` any voter saw before the close (all ballots in: N). */
	lastCountMin: number;
	/** `vote:count` frames one voter received during the casting. */
	countFrames: number;
	move: Fanout;
	close: Fanout;
	/** The frozen result as the chair's close returned it. */
	result: {
		cast: number;
		valid: number;
		ballots: number;
		/** Acknowledged tracking codes found once in the published list / more than once / not at all. */
		codesOnce: number;
		codesTwice: number;
		codesMissing: number;
		outcome: string;
		winner: string | null;
		bytes: number;
	};
}

/** votes-load.ts → parent */
export interface VotesResult {
	type: 'result';
	voters: number;
	connectMs: number;
	joinMs: number;
	runs: VoteRun[];
	notes: string[];
}
