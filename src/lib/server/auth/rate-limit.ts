/**
 * Sign-in throttling that cannot be turned into a lock-out. Failures are counted per (address,
 * account) pair: after `pairMax` failures that pair waits a minute, doubling with each further
 * failure up to a cap, while the right password from any other address still works. A second
 * count per address (failures over any accounts in a window) stops one address spraying a
 * common password over many accounts. There is deliberately no per-account count: that is the
 * one an attacker could fill from anywhere to keep the owner out. Kept in the database, so a
 * restart gives no fresh budget of guesses. See docs/security.md, "Sign-in throttling".
 */
import { and, eq, lt, or, isNull, sql } from 'drizzle-orm';
import type { DbLike } from '../db';
import { signInThrottle } from '../db/schema';

export interface ThrottleLimits {
	/** Failures of one pair before it waits. */
	pairMax: number;
	/** The first wait of a pair; each further failure doubles it. */
	pairBaseMs: number;
	/** The longest a pair waits. */
	pairCapMs: number;
	/** A pair's count is forgotten after this long without a failure. */
	pairForgetMs: number;
	/** Failures from one address over all accounts within `addressWindowMs` before it waits. */
	addressMax: number;
	addressWindowMs: number;
}

export function limitsFromEnv(
	env: Record<string, string | undefined> = process.env
): ThrottleLimits {
	return {
		pairMax: Number(env.LOGIN_MAX_FAILURES || 5),
		pairBaseMs: 60_000,
		pairCapMs: 30 * 60_000,
		pairForgetMs: 24 * 3600_000,
		addressMax: Number(env.LOGIN_MAX_FAILURES_PER_ADDRESS || 30),
		addressWindowMs: 15 * 60_000
	};
}

/**
 * The part of an address that identifies one client: IPv4 as is (also when IPv4-mapped), IPv6
 * by its /64, since anyone holding one IPv6 address usually holds the whole /64.
 */
export function addressKey(address: string): string {
	const a = address.trim().toLowerCase().replace(/%.*$/, '');
	const mapped = a.match(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/);
	if (mapped) return mapped[1]!;
	if (!a.includes(':')) return a;
	const [head = '', tail = ''] = a.split('::');
	const h = head ? head.split(':') : [];
	const t = a.includes('::') && tail ? tail.split(':') : [];
	const groups = a.includes('::') ? [...h, ...Array(8 - h.length - t.length).fill('0'), ...t] : h;
	return `${groups
		.slice(0, 4)
		.map((g) => (parseInt(g, 16) || 0).toString(16))
		.join(':')}::/64`;
}

const pairKey = (address: string, login: string) => `pair:${addressKey(address)}:${login}`;
const addrKey = (address: string) => `addr:${addressKey(address)}`;

/** Milliseconds until this address may try this account again (0: now). */
export function signInWait(db: DbLike, address: string, login: string, now = Date.now()): number {
	const rows = db
		.select({ blockedUntil: signInThrottle.blockedUntil })
		.from(signInThrottle)
		.where(
			or(eq(signInThrottle.key, pairKey(address, login)), eq(signInThrottle.key, addrKey(address)))
		)
		.all();
	const until = Math.max(0, ...rows.map((r) => r.blockedUntil?.getTime() ?? 0));
	return Math.max(0, until - now);
}

/** Count a failed sign-in (unknown accounts too: a refusal must not tell which exist). */
export function recordSignInFailure(
	db: DbLike,
	address: string,
	login: string,
	limits: ThrottleLimits,
	now = Date.now()
): void {
	// A pair forgets after a quiet day; the address count is a fixed window.
	bump(db, pairKey(address, login), now, 'lastAt', limits.pairForgetMs, (failures) =>
		failures < limits.pairMax
			? null
			: Math.min(limits.pairBaseMs * 2 ** (failures - limits.pairMax), limits.pairCapMs)
	);
	bump(db, addrKey(address), now, 'firstAt', limits.addressWindowMs, (failures) =>
		failures < limits.addressMax ? null : limits.addressWindowMs
	);
	if (++failuresSinceSweep >= 1000) {
		failuresSinceSweep = 0;
		sweep(db, now - limits.pairForgetMs);
	}
}
let failuresSinceSweep = 0;

/** The right password from this address: the pair starts over (the address count stays). */
export function clearSignInFailures(db: DbLike, address: string, login: string): void {
	db.delete(signInThrottle)
		.where(eq(signInThrottle.key, pairKey(address, login)))
		.run();
}

/**
 * One more failure on `key`, in one statement so that two concurrent failures both count.
 * When `since` (the first or the last failure) is older than `forgetMs`, the count starts again
 * at 1; `waitFor` (given the new count) says how long to block, or null for not at all.
 */
function bump(
	db: DbLike,
	key: string,
	now: number,
	since: 'firstAt' | 'lastAt',
	forgetMs: number,
	waitFor: (failures: number) => number | null
): void {
	const stale = sql`${signInThrottle[since]} < ${now - forgetMs}`;
	const row = db
		.insert(signInThrottle)
		.values({ key, failures: 1, firstAt: new Date(now), lastAt: new Date(now) })
		.onConflictDoUpdate({
			target: signInThrottle.key,
			set: {
				failures: sql`CASE WHEN ${stale} THEN 1 ELSE ${signInThrottle.failures} + 1 END`,
				firstAt: sql`CASE WHEN ${stale} THEN ${now} ELSE ${signInThrottle.firstAt} END`,
				lastAt: new Date(now)
			}
		})
		.returning({ failures: signInThrottle.failures })
		.get();
	const wait = waitFor(row.failures);
	if (wait !== null)
		db.update(signInThrottle)
			.set({ blockedUntil: new Date(now + wait) })
			.where(eq(signInThrottle.key, key))
			.run();
}

function sweep(db: DbLike, before: number): void {
	db.delete(signInThrottle)
		.where(
			and(
				lt(signInThrottle.lastAt, new Date(before)),
				or(isNull(signInThrottle.blockedUntil), lt(signInThrottle.blockedUntil, new Date(before)))
			)
		)
		.run();
}

/** A new password was set through a reset link: the account's pairs start over everywhere. */
export function clearAccountFailures(db: DbLike, login: string): void {
	db.delete(signInThrottle)
		.where(
			and(
				sql`${signInThrottle.key} LIKE 'pair:%'`,
				sql`substr(${signInThrottle.key}, ${-(login.length + 1)}) = ${`:${login}`}`
			)
		)
		.run();
}
