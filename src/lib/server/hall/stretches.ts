/**
 * Stretches of presence (出席时段): while a meeting is live, each person's time in the hall is
 * stored as they come and go, so the attendance record never overlaps and survives a restart.
 */
import { and, eq, isNotNull, sql } from 'drizzle-orm';
import type { DbLike } from '../db';
import { attendance } from '../db/schema';
import type { Participant } from '../../shared/hall';

export function startStretch(db: DbLike, meetingId: string, p: Participant, quorum: boolean) {
	const now = new Date();
	db.insert(attendance)
		.values({
			meetingId,
			userId: p.userId,
			role: p.role,
			unitName: p.unitName,
			countsForQuorum: quorum,
			firstSeenAt: now,
			presentSince: now
		})
		// A stretch still open (the server stopped while they were here) goes on: never restarted, never lost.
		.onConflictDoUpdate({
			target: [attendance.meetingId, attendance.userId],
			set: { presentSince: sql`coalesce(${attendance.presentSince}, ${now.getTime()})` }
		})
		.run();
}

export function endStretch(db: DbLike, meetingId: string, userId: string, now = Date.now()) {
	const row = db
		.select()
		.from(attendance)
		.where(and(eq(attendance.meetingId, meetingId), eq(attendance.userId, userId)))
		.get();
	if (!row?.presentSince) return;
	db.update(attendance)
		.set({
			presentMs: row.presentMs + Math.max(0, now - row.presentSince.getTime()),
			presentSince: null
		})
		.where(and(eq(attendance.meetingId, meetingId), eq(attendance.userId, userId)))
		.run();
}

/** End every open stretch of presence in a meeting (it closes, or a stopped server left them open). */
export function endOpenStretches(db: DbLike, meetingId: string, now = Date.now()) {
	const open = db
		.select({ userId: attendance.userId })
		.from(attendance)
		.where(and(eq(attendance.meetingId, meetingId), isNotNull(attendance.presentSince)))
		.all();
	for (const p of open) endStretch(db, meetingId, p.userId, now);
}

/** How many who count towards quorum have checked in (what a closed meeting's record counts). */
export function checkedInQuorum(db: DbLike, meetingId: string): number {
	return (
		db
			.select({ n: sql<number>`count(*)` })
			.from(attendance)
			.where(
				and(
					eq(attendance.meetingId, meetingId),
					isNotNull(attendance.checkedInAt),
					eq(attendance.countsForQuorum, true)
				)
			)
			.get()?.n ?? 0
	);
}
