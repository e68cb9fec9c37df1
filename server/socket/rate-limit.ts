/** A token bucket per connection: bursts up to `capacity`, refilled at `perSecond`. */
export class TokenBucket {
	#tokens: number;
	#last: number;
	constructor(
		readonly capacity: number,
		readonly perSecond: number,
		/** Milliseconds on a monotonic clock; tests pass their own. */
		private readonly now: () => number = () => performance.now()
	) {
		this.#tokens = capacity;
		this.#last = now();
	}

	/** Take `cost` tokens if there are that many; false (and nothing taken) otherwise. */
	take(cost = 1): boolean {
		const now = this.now();
		this.#tokens = Math.min(
			this.capacity,
			this.#tokens + ((now - this.#last) / 1000) * this.perSecond
		);
		this.#last = now;
		if (this.#tokens < cost) return false;
		this.#tokens -= cost;
		return true;
	}
}
