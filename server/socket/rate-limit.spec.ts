import { describe, expect, it } from 'vitest';
import { CONNECTION_BUDGET, PERSON_BUDGET, RateLimits, TokenBucket } from './rate-limit';

function clock() {
	let ms = 5_000;
	return { now: () => ms, advance: (by: number) => (ms += by) };
}

const takeAll = (bucket: TokenBucket, max = 1000) => {
	let n = 0;
	while (n < max && bucket.take()) n++;
	return n;
};

describe('TokenBucket', () => {
	it('allows a burst of its capacity, then refuses', () => {
		const c = clock();
		const bucket = new TokenBucket(40, 20, c.now);
		expect(takeAll(bucket)).toBe(40);
		expect(bucket.take()).toBe(false);
	});

	it('refills at its rate as time passes, never above capacity', () => {
		const c = clock();
		const bucket = new TokenBucket(40, 20, c.now);
		takeAll(bucket);
		c.advance(49);
		expect(bucket.take()).toBe(false); // 0.98 of a token
		c.advance(1);
		expect(bucket.take()).toBe(true);
		expect(bucket.take()).toBe(false);
		c.advance(500);
		expect(takeAll(bucket)).toBe(10);
		c.advance(60_000);
		expect(takeAll(bucket)).toBe(40);
	});

	it('takes a cost of several tokens only when it has them all', () => {
		const c = clock();
		const bucket = new TokenBucket(5, 10, c.now);
		expect(bucket.take(3)).toBe(true);
		expect(bucket.take(3)).toBe(false);
		expect(takeAll(bucket)).toBe(2); // the refused take cost nothing
		c.advance(300);
		expect(bucket.take(3)).toBe(true);
	});

	it('keeps each connection’s tokens apart', () => {
		const c = clock();
		const flooder = new TokenBucket(40, 20, c.now);
		const other = new TokenBucket(40, 20, c.now);
		expect(takeAll(flooder)).toBe(40);
		expect(takeAll(other)).toBe(40);
		c.advance(100);
		expect(takeAll(flooder)).toBe(2);
		expect(takeAll(other)).toBe(2);
	});
});

describe('RateLimits', () => {
	it('gives a person one budget across all their connections, however many they open', () => {
		const c = clock();
		const limits = new RateLimits(c.now);
		const tabs = Array.from({ length: 20 }, () => limits.forConnection('u1'));
		let accepted = 0;
		for (let i = 0; i < 2000; i++) if (tabs[i % tabs.length]!.take()) accepted++;
		expect(accepted).toBe(PERSON_BUDGET.capacity);
		// Refilled at the person's rate, not twenty times it.
		c.advance(1000);
		accepted = 0;
		for (let i = 0; i < 2000; i++) if (tabs[i % tabs.length]!.take()) accepted++;
		expect(accepted).toBe(PERSON_BUDGET.perSecond);
	});

	it('keeps a connection to its own budget too, and other people apart', () => {
		const c = clock();
		const limits = new RateLimits(c.now);
		const flooder = limits.forConnection('u1');
		expect(takeAll(flooder)).toBe(Math.min(CONNECTION_BUDGET.capacity, PERSON_BUDGET.capacity));
		// The flooder's other tab has nothing left; someone else is untouched.
		expect(limits.forConnection('u1').take()).toBe(false);
		expect(takeAll(limits.forConnection('u2'))).toBe(CONNECTION_BUDGET.capacity);
	});

	it('a refused take costs neither bucket', () => {
		const c = clock();
		const limits = new RateLimits(c.now);
		const a = limits.forConnection('u1');
		const b = limits.forConnection('u1');
		expect(takeAll(a, 30)).toBe(30);
		// b's own bucket is full; the person's has 10: a take of 11 is refused and takes nothing.
		expect(b.take(11)).toBe(false);
		expect(takeAll(b)).toBe(PERSON_BUDGET.capacity - 30);
	});

	it('lets go of the buckets of people who have been idle, and keeps the budget of those who have not', () => {
		const c = clock();
		const limits = new RateLimits(c.now);
		const busy = limits.forConnection('busy');
		takeAll(busy);
		for (let i = 0; i < 1100; i++) limits.forConnection(`idle${i}`).take();
		c.advance(10_000);
		takeAll(busy); // busy again: its bucket is not full
		// Each sweep waits for the count to double: by 2,048 people the idle ones have gone.
		for (let i = 0; i < 1000; i++) limits.forConnection(`newcomer${i}`).take();
		expect(limits.size).toBeLessThan(1100);
		expect(busy.take()).toBe(false);
	});
});
