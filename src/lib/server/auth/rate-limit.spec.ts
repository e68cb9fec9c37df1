import { describe, expect, it } from 'vitest';
import { FailureLimiter } from './rate-limit';

describe('sign-in failure limiter', () => {
	it('blocks after max failures within the window and frees after it', () => {
		const l = new FailureLimiter(3, 1000);
		for (let i = 0; i < 3; i++) {
			expect(l.retryAfter('a', 0)).toBe(0);
			l.fail('a', 0);
		}
		expect(l.retryAfter('a', 10)).toBe(990);
		expect(l.retryAfter('b', 10)).toBe(0);
		expect(l.retryAfter('a', 1000)).toBe(0);
	});

	it('a success resets the count', () => {
		const l = new FailureLimiter(2, 1000);
		l.fail('a', 0);
		l.reset('a');
		l.fail('a', 0);
		expect(l.retryAfter('a', 1)).toBe(0);
	});
});
