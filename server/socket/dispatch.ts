/**
 * One pipeline for every client event: acknowledgement present → rate limit → validate →
 * de-duplicate → run → ack. The rate limit comes before parsing so that a flood of malformed
 * or unknown events is throttled without being parsed. Every refusal is an ack
 * `{ ok: false, error: { code, message } }` in the person's language; an event sent without an
 * acknowledgement does nothing.
 */
import type { Logger } from 'pino';
import type { z } from 'zod';
import { translate, type Locale, type MessageKey } from '../../src/lib/i18n';
import { AppError } from '../../src/lib/server/errors';
import { badTextFields } from '../../src/lib/server/http/text';
import { observeAck } from '../../src/lib/server/platform/metrics';
import type { ErrorCode, Result } from '../../src/lib/shared/result';
import { TokenBucket } from './rate-limit';
import { RecentAnswers } from './recent';

/**
 * Whose retry (same event id) gets the first answer again instead of running twice: any of the
 * person's connections, only the connection that sent it, or nobody (safe to repeat, and the
 * answer is too big to keep).
 */
export type Dedupe = 'person' | 'connection' | 'none';

/** One event's handling: what it does once its payload is valid, and the pipeline's rules for it. */
export interface EventDef<S, P, R> {
	/**
	 * Returns the ack value, or throws an AppError whose code and message the ack carries. It may
	 * answer later (a promise): a ballot is acknowledged once the batch it was written in is on disk.
	 */
	run: (socket: S, payload: P) => R | Promise<R>;
	dedupe: Dedupe;
	/** Tokens taken from the connection's bucket. */
	cost: number;
}

/** What the pipeline reads of a connection. */
export interface Caller {
	id: string;
	data: { userId: string; locale: Locale; bucket: TokenBucket };
	/** Close the connection (socket.io's `disconnect(true)`). */
	disconnect?(close: boolean): unknown;
}

/**
 * Refusals a connection may draw at once, and per second after that, before it is closed. A
 * client told to wait that goes on sending is flooding: refusing each event still costs the
 * server its decoding and an answer, and a flood's packets are read in long runs that hold up
 * everyone else's. A client that merely runs ahead of its limit stays far below this.
 */
export const FLOOD_REFUSALS = { burst: 200, perSecond: 40 };

type Payloads = Record<string, { id: string }>;
export type Schemas<P extends Payloads> = { [E in keyof P]: z.ZodType<P[E]> };
export type Routes<S, P extends Payloads, R extends Record<keyof P, unknown>> = {
	[E in keyof P]: EventDef<S, P[E], R[E]>;
};
type Ack = (result: Result<unknown>) => void;
type Answer<T> = Result<T> | Promise<Result<T>>;

const KEYS: Record<ErrorCode, MessageKey> = {
	bad_request: 'err.badEvent',
	unauthorized: 'err.unauthorized',
	forbidden: 'err.forbidden',
	not_found: 'err.notFound',
	conflict: 'err.conflict',
	rate_limited: 'err.rateLimited',
	internal: 'err.internal'
};

export function failure(locale: Locale, code: ErrorCode, key?: MessageKey): Result<never> {
	return { ok: false, error: { code, message: translate(locale, key ?? KEYS[code]) } };
}

export interface DispatchOptions {
	log: Pick<Logger, 'error'> & Partial<Pick<Logger, 'warn'>>;
	/** Wall-clock milliseconds, for how long answers are remembered; tests pass their own. */
	now?: () => number;
}

/** Returns the function that handles one incoming event: its name and its arguments, the ack last. */
export function createDispatcher<
	S extends Caller,
	P extends Payloads,
	R extends Record<keyof P, unknown>
>(schemas: Schemas<P>, routes: Routes<S, P, R>, options: DispatchOptions) {
	// A retry that arrives while the first is still being answered waits for the same answer.
	const recent = new RecentAnswers<Answer<unknown>>(options.now);
	// Own keys only: `'toString' in routes` is true.
	const known = (event: string): event is keyof P & string => Object.hasOwn(routes, event);
	const refusals = new WeakMap<S, TokenBucket>();
	const clock = options.now ?? (() => performance.now());

	/** Take `cost` tokens; false (and the connection closed once it has ignored too many refusals) if there are not that many. */
	function allowed(socket: S, cost: number): boolean {
		if (socket.data.bucket.take(cost)) return true;
		let r = refusals.get(socket);
		if (!r)
			refusals.set(
				socket,
				(r = new TokenBucket(FLOOD_REFUSALS.burst, FLOOD_REFUSALS.perSecond, clock))
			);
		if (!r.take()) {
			options.log.warn?.(
				{ socket: socket.id, user: socket.data.userId },
				'flooding connection closed'
			);
			socket.disconnect?.(true);
		}
		return false;
	}

	function handle<E extends keyof P & string>(socket: S, event: E, args: unknown[], ack: Ack) {
		const route = routes[event];
		const { locale, userId } = socket.data;
		if (!allowed(socket, route.cost)) return ack(failure(locale, 'rate_limited'));
		// Exactly one payload, then the acknowledgement.
		const parsed = args.length === 2 ? schemas[event].safeParse(args[0]) : null;
		if (!parsed?.success) return ack(failure(locale, 'bad_request'));
		if (Object.keys(badTextFields(parsed.data)).length)
			return ack(failure(locale, 'bad_request', 'err.badText'));
		const who = route.dedupe === 'connection' ? socket.id : userId;
		const key = route.dedupe === 'none' ? null : `${who}:${event}:${parsed.data.id}`;
		const seen = key === null ? undefined : recent.get(key);
		if (seen) return answer(seen, ack);
		const result = run(socket, event, route, parsed.data);
		if (key !== null) recent.set(key, result);
		answer(result, ack);
	}

	function answer(result: Answer<unknown>, ack: Ack) {
		if (result instanceof Promise) void result.then(ack);
		else ack(result);
	}

	function run<E extends keyof P & string>(
		socket: S,
		event: E,
		route: Routes<S, P, R>[E],
		payload: P[E]
	): Answer<R[E]> {
		const refused = (err: unknown): Result<never> => {
			if (err instanceof AppError) return failure(socket.data.locale, err.code, err.key);
			options.log.error({ err, event }, 'socket handler failed');
			return failure(socket.data.locale, 'internal');
		};
		try {
			const value = route.run(socket, payload);
			if (value instanceof Promise)
				return value.then((v: R[E]): Result<R[E]> => ({ ok: true, value: v }), refused);
			return { ok: true, value };
		} catch (err) {
			return refused(err);
		}
	}

	return function dispatch(socket: S, event: string, args: unknown[]): void {
		const ack = observeAck(known(event) ? event : '(unknown)', args.at(-1));
		if (!isAck(ack)) return; // every event is acknowledged; no ack, no action
		if (known(event)) return handle(socket, event, args, ack);
		// Unknown events cost a token too, so flooding them is throttled like any other.
		ack(failure(socket.data.locale, allowed(socket, 1) ? 'bad_request' : 'rate_limited'));
	};
}

function isAck(value: unknown): value is Ack {
	return typeof value === 'function';
}
