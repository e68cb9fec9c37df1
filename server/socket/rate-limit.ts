/** A token bucket per connection: bursts up to `capacity`, refilled at `perSecond`. */
export class TokenBucket {
	#tokens: number;
	#last = performance.now();
	constructor(
		readonly capacity: number,
		readonly perSecond: number
	) {
		this.#tokens = capacity;
	}

	take(): boolean {
		const now = performance.now();
		this.#tokens = Math.min(this.capacity, this.#tokens + ((now - this.#last) / 1000) * this.perSecond);
		this.#last = now;
		if (this.#tokens < 1) return false;
		this.#tokens -= 1;
		return true;
	}
}
