/**
 * One polite live region per page, so a screen reader hears what changed without several
 * regions talking over each other. Messages that come together are read together.
 */
export class Announcer {
	#text = $state('');
	#pending: string[] = [];
	#timer: ReturnType<typeof setTimeout> | null = null;

	/** What the live region says now. */
	get text(): string {
		return this.#text;
	}

	say(message: string): void {
		this.#pending.push(message);
		if (this.#timer) return;
		// Emptied first, so the same words said twice are still read out the second time.
		this.#text = '';
		this.#timer = setTimeout(() => {
			this.#text = this.#pending.join(' ');
			this.#pending = [];
			this.#timer = null;
		}, 100);
	}
}
