import { describe, expect, it } from 'vitest';
import { TokenBucket } from './rate-limit';

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
