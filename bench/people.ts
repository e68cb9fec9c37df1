/**
 * The benchmarks' own people: a user, one role in the committee and a session each, made in one
 * transaction (thousands of argon2 sign-ins would take minutes). Returns their Cookie headers.
 */
import { newId } from '../src/lib/server/db/ids';
import type { Db } from '../src/lib/server/db';
import { roleAssignments, users } from '../src/lib/server/db/schema';
import { createSession, generateToken, SESSION_COOKIE } from '../src/lib/server/auth/session';

export interface BenchPeople {
	/** Logins are `<prefix>1`, `<prefix>2`, … */
	prefix: string;
	role: 'resident' | 'recorder' | 'member';
	committeeId: string;
	/** A demo account's hash: everyone gets that account's password. */
	passwordHash: string;
	name: (i: number) => string;
	communityId?: (i: number) => string | null;
	unitId?: (i: number) => string | null;
}

export function makeBenchPeople(db: Db, n: number, p: BenchPeople): string[] {
	const cookies: string[] = [];
	const now = new Date();
	db.transaction(
		(tx) => {
			for (let i = 0; i < n; i++) {
				const id = newId();
				tx.insert(users)
					.values({
						id,
						login: `${p.prefix}${i + 1}`,
						displayName: p.name(i),
						passwordHash: p.passwordHash,
						createdAt: now
					})
					.run();
				tx.insert(roleAssignments)
					.values({
						id: newId(),
						userId: id,
						committeeId: p.committeeId,
						role: p.role,
						communityId: p.communityId?.(i) ?? null,
						unitId: p.unitId?.(i) ?? null,
						createdAt: now
					})
					.run();
				const token = generateToken();
				createSession(tx as unknown as Db, token, id);
				cookies.push(`${SESSION_COOKIE}=${token}`);
			}
		},
		{ behavior: 'immediate' }
	);
	return cookies;
}
