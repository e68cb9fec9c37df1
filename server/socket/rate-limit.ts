/**
 * Token buckets: bursts up to `capacity`, refilled at `perSecond`. Every connection has one, and
 * so has every person: a connection's events take from both, so opening more connections does
 * not buy a person more events.
 */
export class TokenBucket {
	#tokens: number;
	#last: number;
	constructor(
		readonly capacity: number,
		readonly perSecond: number,
		/** Milliseconds on a monotonic clock; tests pass their own. */
		private readonly now: () => number = () => performance.now(),
		/** Another bucket every take must also be paid from (the person's, for a connection's). */
		private readonly shared: (() => TokenBucket) | null = null
	) {
		this.#tokens = capacity;
		this.#last = now();
	}

	/** Take `cost` tokens if there are that many (here and in the shared bucket); false (and nothing taken) otherwise. */
	take(cost = 1): boolean {
		this.#refill();
		if (this.#tokens < cost) return false;
		if (this.shared && !this.shared().take(cost)) return false;
		this.#tokens -= cost;
		return true;
	}

	/** As if never used: such a bucket can be dropped and made again. */
	get full(): boolean {
		this.#refill();
		return this.#tokens >= this.capacity;
	}

	#refill() {
		const now = this.now();
		this.#tokens = Math.min(
			this.capacity,
			this.#tokens + ((now - this.#last) / 1000) * this.perSecond
		);
		this.#last = now;
	}
}

/** A connection's budget, and (the same again) a person's across all their connections. */
export const CONNECTION_BUDGET = { capacity: 40, perSecond: 20 };
export const PERSON_BUDGET = { capacity: 40, perSecond: 20 };

/** The people's buckets, one per person, and a bucket for each new connection tied to its person's. */
export class RateLimits {
	#people = new Map<string, TokenBucket>();
	/** Past this many people, buckets that have filled up again are let go (amortised: it doubles). */
	#sweepAt = 1024;

	constructor(private readonly now: () => number = () => performance.now()) {}

	forConnection(userId: string): TokenBucket {
		const { capacity, perSecond } = CONNECTION_BUDGET;
		// Looked up at every take, so all of a person's connections pay into the same bucket even
		// after an idle one was let go and made again.
		return new TokenBucket(capacity, perSecond, this.now, () => this.#person(userId));
	}

	#person(userId: string): TokenBucket {
		let person = this.#people.get(userId);
		if (!person) {
			this.#sweep();
			person = new TokenBucket(PERSON_BUDGET.capacity, PERSON_BUDGET.perSecond, this.now);
			this.#people.set(userId, person);
		}
		return person;
	}

	/** How many people's buckets are kept (tests). */
	get size(): number {
		return this.#people.size;
	}

	#sweep() {
		if (this.#people.size < this.#sweepAt) return;
		// A full bucket is the same as a new one.
		for (const [userId, bucket] of this.#people) if (bucket.full) this.#people.delete(userId);
		this.#sweepAt = Math.max(1024, this.#people.size * 2);
	}
}
