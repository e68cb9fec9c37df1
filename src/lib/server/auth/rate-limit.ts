/**
 * A fixed-window failure counter for sign-in, per account and per address. In memory: Yiting
 * runs as one process, and a restart forgetting counts is acceptable.
 */
export class FailureLimiter {
	#hits = new Map<string, { count: number; resetAt: number }>();
	constructor(
		readonly max: number,
		readonly windowMs: number
	) {}

	/** Milliseconds until `key` may try again, or 0 when it may now. */
	retryAfter(key: string, now = Date.now()): number {
		const h = this.#hits.get(key);
		if (!h || h.resetAt <= now) return 0;
		return h.count >= this.max ? h.resetAt - now : 0;
	}

	fail(key: string, now = Date.now()): void {
		const h = this.#hits.get(key);
		if (!h || h.resetAt <= now) this.#hits.set(key, { count: 1, resetAt: now + this.windowMs });
		else h.count++;
		if (this.#hits.size > 100_000) this.#sweep(now);
	}

	reset(key: string): void {
		this.#hits.delete(key);
	}

	#sweep(now: number) {
		for (const [k, h] of this.#hits) if (h.resetAt <= now) this.#hits.delete(k);
	}
}

const KEY = Symbol.for('yiting.signInLimiters');
type G = typeof globalThis & {
	[KEY]?: { account: FailureLimiter; address: FailureLimiter };
};

/** 5 failures per account and 30 per address in 15 minutes. */
export function signInLimiters() {
	return ((globalThis as G)[KEY] ??= {
		account: new FailureLimiter(Number(process.env.LOGIN_MAX_FAILURES || 5), 15 * 60_000),
		address: new FailureLimiter(
			Number(process.env.LOGIN_MAX_FAILURES_PER_ADDRESS || 30),
			15 * 60_000
		)
	});
}
