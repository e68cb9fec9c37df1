/**
 * Answers to recent events, so a retried event (same id) takes effect once. Kept for a minute
 * (a client retries for at most ~20 s: ackTimeout × retries) rather than by count, so a busy
 * hall cannot push a chair's retry out before it arrives; the count cap only bounds memory.
 */
export const RECENT_MS = 60_000;
const MAX_ENTRIES = 200_000;

export class RecentAnswers<T> {
	#answers = new Map<string, { at: number; answer: T }>();

	constructor(private readonly now: () => number = Date.now) {}

	get(key: string): T | undefined {
		return this.#answers.get(key)?.answer;
	}

	set(key: string, answer: T): void {
		const now = this.now();
		this.#answers.set(key, { at: now, answer });
		// Oldest first (insertion order): drop until the oldest is fresh and the count fits.
		for (const [k, v] of this.#answers) {
			if (now - v.at < RECENT_MS && this.#answers.size <= MAX_ENTRIES) break;
			this.#answers.delete(k);
		}
	}
}
