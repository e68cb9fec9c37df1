/**
 * Sessions as in the Lucia guide: the browser holds a random token (160 bits); the database
 * holds only its SHA-256. Expiry slides with use (idle limit) within an absolute limit.
 */
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { and, eq, gt, inArray } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import { parse as parseCookie } from 'cookie';
import { config } from '../config';
import type { Db } from '../db';
import { apiTokens, roleAssignments, sessions, users, type Session, type User } from '../db/schema';
import type { Actor } from '../../shared/permissions';
import { getHub } from '../platform/hub';

export const SESSION_COOKIE = 'yt_session';

export function generateToken(): string {
	return encodeBase32LowerCaseNoPadding(randomBytes(20));
}

export function hashToken(token: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

/** Where a session was opened from, shown in the person's list of sessions. */
export interface SessionOrigin {
	userAgent?: string | null;
	address?: string | null;
}

export function createSession(
	db: Db,
	token: string,
	userId: string,
	now = Date.now(),
	from: SessionOrigin = {}
): Session {
	const session: Session = {
		id: hashToken(token),
		userId,
		createdAt: new Date(now),
		expiresAt: new Date(Math.min(now + config.sessionIdleMs, now + config.sessionAbsoluteMs)),
		absoluteExpiresAt: new Date(now + config.sessionAbsoluteMs),
		userAgent: from.userAgent?.slice(0, 300) ?? null,
		address: from.address?.slice(0, 64) ?? null,
		lastSeenAt: new Date(now)
	};
	db.insert(sessions).values(session).run();
	return session;
}

export interface Authenticated {
	user: User;
	/** Set when the request carried the session cookie (not an API token). */
	session: Session | null;
	tokenId: string | null;
}

/**
 * Validate a session cookie token; slides its expiry forward when half of it is used. With
 * `seen`, also records (to the minute) that the session was used now: pages and the API ask for
 * that, realtime handshakes do not, so a reconnect storm costs no writes.
 */
export function validateSessionToken(
	db: Db,
	token: string,
	now = Date.now(),
	seen = false
): Authenticated | null {
	if (!/^[a-z2-7]{32}$/.test(token)) return null;
	const id = hashToken(token);
	const row = db
		.select({ user: users, session: sessions })
		.from(sessions)
		.innerJoin(users, eq(sessions.userId, users.id))
		.where(eq(sessions.id, id))
		.get();
	if (!row) return null;
	const { session, user } = row;
	if (
		now >= session.expiresAt.getTime() ||
		now >= session.absoluteExpiresAt.getTime() ||
		user.disabled
	) {
		db.delete(sessions).where(eq(sessions.id, id)).run();
		return null;
	}
	const slide = session.expiresAt.getTime() - now < config.sessionIdleMs / 2;
	// "Last seen" to the minute is enough: reads should not turn into writes on every request.
	const touch = seen && (!session.lastSeenAt || now - session.lastSeenAt.getTime() > 60_000);
	if (slide || touch) {
		if (slide)
			session.expiresAt = new Date(
				Math.min(now + config.sessionIdleMs, session.absoluteExpiresAt.getTime())
			);
		if (touch) session.lastSeenAt = new Date(now);
		db.update(sessions)
			.set({ expiresAt: session.expiresAt, lastSeenAt: session.lastSeenAt })
			.where(eq(sessions.id, id))
			.run();
	}
	return { user, session, tokenId: null };
}

/** Validate a personal API token (`Authorization: Bearer yt_...`). */
export function validateApiToken(db: Db, token: string, now = Date.now()): Authenticated | null {
	if (!/^yt_[a-z2-7]{32}$/.test(token)) return null;
	const row = db
		.select({ user: users, token: apiTokens })
		.from(apiTokens)
		.innerJoin(users, eq(apiTokens.userId, users.id))
		.where(eq(apiTokens.tokenHash, hashToken(token)))
		.get();
	if (!row || row.token.revokedAt || row.user.disabled) return null;
	// Record use at most once a minute: reads should not turn into writes on every call.
	if (!row.token.lastUsedAt || now - row.token.lastUsedAt.getTime() > 60_000) {
		db.update(apiTokens)
			.set({ lastUsedAt: new Date(now) })
			.where(eq(apiTokens.id, row.token.id))
			.run();
	}
	return { user: row.user, session: null, tokenId: row.token.id };
}

/** Authenticate from request headers: the session cookie, or a bearer API token. */
export function authenticate(
	db: Db,
	headers: { cookie?: string | null; authorization?: string | null },
	opts: { seen?: boolean } = {}
): Authenticated | null {
	const bearer = headers.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
	if (bearer) return validateApiToken(db, bearer);
	const token = headers.cookie ? parseCookie(headers.cookie)[SESSION_COOKIE] : undefined;
	return token ? validateSessionToken(db, token, Date.now(), opts.seen) : null;
}

/** Revoke one session, and close the realtime connections that rode on it. */
export function invalidateSession(db: Db, sessionId: string): void {
	db.delete(sessions).where(eq(sessions.id, sessionId)).run();
	getHub().sessionRevoked(sessionId);
}

/** Revoke every session of a user (password change, account disabled). */
export function invalidateUserSessions(db: Db, userId: string): void {
	db.delete(sessions).where(eq(sessions.userId, userId)).run();
	getHub().userRevoked(userId);
}

/** The actor (user id and committee roles) the permission module reasons about. */
export function loadActor(db: Db, userId: string): Actor {
	const roles = db
		.select({
			committeeId: roleAssignments.committeeId,
			role: roleAssignments.role,
			unitId: roleAssignments.unitId,
			communityId: roleAssignments.communityId
		})
		.from(roleAssignments)
		.where(eq(roleAssignments.userId, userId))
		.all();
	return { userId, roles };
}

export function sessionCookieOptions(secure: boolean, expires: Date) {
	return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure, expires };
}

/** Of these session ids, the ones that no longer stand (expired or deleted). */
export function endedSessions(db: Db, ids: string[]): string[] {
	if (!ids.length) return [];
	const now = new Date();
	const live = new Set(
		db
			.select({ id: sessions.id })
			.from(sessions)
			.where(
				and(
					inArray(sessions.id, ids),
					gt(sessions.expiresAt, now),
					gt(sessions.absoluteExpiresAt, now)
				)
			)
			.all()
			.map((r) => r.id)
	);
	return ids.filter((id) => !live.has(id));
}
