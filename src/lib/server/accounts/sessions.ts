/**
 * A person's own sessions: which devices are signed in, and ending one or all the others.
 * The session id is the SHA-256 of the cookie token; lists show a handle derived from it
 * instead, so the stored key never leaves the server.
 */
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { and, desc, eq, gt, ne } from 'drizzle-orm';
import type { Db, DbLike } from '../db';
import { sessions } from '../db/schema';
import { invalidateSession } from '../auth/session';
import { AppError } from '../errors';
import { audit } from '../platform/audit';
import { getHub } from '../platform/hub';

/** The handle a session is known by outside the server. */
export function sessionHandle(sessionId: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(`session-handle:${sessionId}`))).slice(
		0,
		24
	);
}

export interface SessionView {
	id: string;
	userAgent: string | null;
	device: string | null;
	address: string | null;
	createdAt: Date;
	lastSeenAt: Date | null;
	current: boolean;
}

function live(db: Db, userId: string, now: number) {
	return db
		.select()
		.from(sessions)
		.where(
			and(
				eq(sessions.userId, userId),
				gt(sessions.expiresAt, new Date(now)),
				gt(sessions.absoluteExpiresAt, new Date(now))
			)
		)
		.orderBy(desc(sessions.lastSeenAt), desc(sessions.createdAt))
		.all();
}

/** The person's live sessions, the one asking first. */
export function listSessions(
	db: Db,
	userId: string,
	currentId: string | null,
	now = Date.now()
): SessionView[] {
	const views = live(db, userId, now).map((s) => ({
		id: sessionHandle(s.id),
		userAgent: s.userAgent,
		device: describeAgent(s.userAgent),
		address: s.address,
		createdAt: s.createdAt,
		lastSeenAt: s.lastSeenAt,
		current: s.id === currentId
	}));
	return [...views.filter((v) => v.current), ...views.filter((v) => !v.current)];
}

/** End one of the person's sessions (its live connections close). Ending the current one signs out. */
export function endSession(db: Db, userId: string, handle: string, now = Date.now()): void {
	const s = live(db, userId, now).find((x) => sessionHandle(x.id) === handle);
	if (!s) throw new AppError(404, 'err.notFound');
	invalidateSession(db, s.id);
	audit(db, userId, 'auth.sessionEnd', `user:${userId}`, { session: handle });
}

/** End every session of the person except `keepId` (none kept when null); how many ended. */
export function endOtherSessions(db: DbLike, userId: string, keepId: string | null): number {
	const ended = db
		.delete(sessions)
		.where(
			keepId
				? and(eq(sessions.userId, userId), ne(sessions.id, keepId))
				: eq(sessions.userId, userId)
		)
		.returning({ id: sessions.id })
		.all();
	for (const { id } of ended) getHub().sessionRevoked(id);
	return ended.length;
}

/** The person ends every session but the one asking (all of them when asked with an API token). */
export function signOutOthers(db: Db, userId: string, keepId: string | null): number {
	const ended = endOtherSessions(db, userId, keepId);
	audit(db, userId, 'auth.sessionsEndOthers', `user:${userId}`, { ended });
	return ended;
}

const BROWSERS: [RegExp, string][] = [
	[/MicroMessenger/i, 'WeChat'],
	[/Edg\//, 'Edge'],
	[/OPR\//, 'Opera'],
	[/Firefox\//, 'Firefox'],
	[/(Chromium|Chrome)\//, 'Chrome'],
	[/Safari\//, 'Safari'],
	[/^node|undici|curl|python|Go-http/i, 'API']
];
const SYSTEMS: [RegExp, string][] = [
	[/Android/, 'Android'],
	[/iPhone|iPad|iPod/, 'iOS'],
	[/HarmonyOS/, 'HarmonyOS'],
	[/Windows/, 'Windows'],
	[/Mac OS X|Macintosh/, 'macOS'],
	[/CrOS/, 'ChromeOS'],
	[/Linux/, 'Linux']
];

/** "Chrome · Android" from a user agent, for people who do not read user-agent strings. */
export function describeAgent(ua: string | null): string | null {
	if (!ua) return null;
	const browser = BROWSERS.find(([re]) => re.test(ua))?.[1];
	const system = SYSTEMS.find(([re]) => re.test(ua))?.[1];
	return [browser, system].filter(Boolean).join(' · ') || null;
}
