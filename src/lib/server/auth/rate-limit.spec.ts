import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDb } from '../db';
import { signInThrottle } from '../db/schema';
import {
	addressKey,
	clearAccountFailures,
	clearSignInFailures,
	recordSignInFailure,
	signInWait,
	type ThrottleLimits
} from './rate-limit';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yiting-throttle-'));
const file = path.join(dir, 'yiting.db');
const db = openDb(file);
afterAll(() => {
	db.$client.close();
	fs.rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => void db.delete(signInThrottle).run());

const MIN = 60_000;
const limits: ThrottleLimits = {
	pairMax: 5,
	pairBaseMs: MIN,
	pairCapMs: 30 * MIN,
	pairForgetMs: 24 * 60 * MIN,
	addressMax: 30,
	addressWindowMs: 15 * MIN
};
const T0 = Date.UTC(2026, 0, 1);

/** Fail `n` times, each as soon as the pair may try again; returns the time after the last. */
function failUntilBlocked(address: string, login: string, n: number, start = T0): number {
	let now = start;
	for (let i = 0; i < n; i++) {
		now += signInWait(db, address, login, now);
		recordSignInFailure(db, address, login, limits, now);
	}
	return now;
}

describe('sign-in throttling per (address, account)', () => {
	it('pauses a pair after five failures for a minute, doubling to a cap', () => {
		for (let i = 0; i < 4; i++) recordSignInFailure(db, '198.51.100.7', 'chair', limits, T0);
		expect(signInWait(db, '198.51.100.7', 'chair', T0)).toBe(0);
		recordSignInFailure(db, '198.51.100.7', 'chair', limits, T0);
		expect(signInWait(db, '198.51.100.7', 'chair', T0)).toBe(MIN);
		const waits: number[] = [];
		let now = T0 + MIN;
		for (let i = 0; i < 7; i++) {
			recordSignInFailure(db, '198.51.100.7', 'chair', limits, now);
			waits.push(signInWait(db, '198.51.100.7', 'chair', now));
			now += waits.at(-1)!;
		}
		expect(waits.map((w) => w / MIN)).toEqual([2, 4, 8, 16, 30, 30, 30]);
	});

	it('cannot lock the owner out: the same account from another address, and other accounts, still may try', () => {
		failUntilBlocked('198.51.100.7', 'chair', 8);
		expect(signInWait(db, '198.51.100.7', 'chair', T0)).toBeGreaterThan(0);
		expect(signInWait(db, '203.0.113.9', 'chair', T0)).toBe(0);
		expect(signInWait(db, '198.51.100.7', 'member1', T0)).toBe(0);
	});

	it('the right password clears the pair; a quiet day forgets it', () => {
		failUntilBlocked('198.51.100.7', 'chair', 4);
		clearSignInFailures(db, '198.51.100.7', 'chair');
		recordSignInFailure(db, '198.51.100.7', 'chair', limits, T0);
		expect(signInWait(db, '198.51.100.7', 'chair', T0)).toBe(0);

		const later = failUntilBlocked('198.51.100.7', 'member1', 5);
		const dayLater = later + limits.pairForgetMs + 1;
		recordSignInFailure(db, '198.51.100.7', 'member1', limits, dayLater);
		expect(signInWait(db, '198.51.100.7', 'member1', dayLater)).toBe(0);
	});

	it('a new password set through a reset link clears the account from every address', () => {
		failUntilBlocked('198.51.100.7', 'chair', 5);
		failUntilBlocked('203.0.113.9', 'chair', 5);
		failUntilBlocked('203.0.113.9', 'xchair', 5);
		clearAccountFailures(db, 'chair');
		expect(signInWait(db, '198.51.100.7', 'chair', T0)).toBe(0);
		expect(signInWait(db, '203.0.113.9', 'chair', T0)).toBe(0);
		expect(signInWait(db, '203.0.113.9', 'xchair', T0)).toBeGreaterThan(0);
	});
});

describe('sign-in throttling per address', () => {
	it('stops one address spraying many accounts, for the window, for every account', () => {
		for (let i = 0; i < 29; i++) recordSignInFailure(db, '198.51.100.7', `user${i}`, limits, T0);
		expect(signInWait(db, '198.51.100.7', 'someone-else', T0)).toBe(0);
		recordSignInFailure(db, '198.51.100.7', 'user29', limits, T0);
		expect(signInWait(db, '198.51.100.7', 'someone-else', T0)).toBe(15 * MIN);
		expect(signInWait(db, '203.0.113.9', 'someone-else', T0)).toBe(0);
		// A success does not reset the address count: one good account must not launder a spray.
		clearSignInFailures(db, '198.51.100.7', 'user3');
		expect(signInWait(db, '198.51.100.7', 'user3', T0)).toBe(15 * MIN);
		expect(signInWait(db, '198.51.100.7', 'user3', T0 + 15 * MIN)).toBe(0);
	});

	it('counts survive a restart (another connection to the same file)', () => {
		failUntilBlocked('198.51.100.7', 'chair', 5);
		const again = openDb(file);
		try {
			expect(signInWait(again, '198.51.100.7', 'chair', T0)).toBe(MIN);
		} finally {
			again.$client.close();
		}
	});

	it('knows an address by its client: IPv4-mapped IPv6 as IPv4, IPv6 by its /64', () => {
		expect(addressKey('::ffff:192.0.2.1')).toBe('192.0.2.1');
		expect(addressKey('192.0.2.1')).toBe('192.0.2.1');
		expect(addressKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
		expect(addressKey('2001:DB8:1:2:bbbb:cccc:dddd:eeee')).toBe('2001:db8:1:2::/64');
		expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
		expect(addressKey('::1')).toBe('0:0:0:0::/64');
		expect(addressKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
	});
});
