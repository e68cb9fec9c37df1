/**
 * Stretches of presence (出席时段): while a meeting is live, each person's time in the hall is
 * stored as they come and go, so the attendance record never overlaps and survives a restart.
 */
import { and, eq, isNotNull, sql } from 'drizzle-orm';
import type { DbLike } from '../db';
import { attendance } from '../db/schema';
import { statement } from '../db/statements';
import type { Participant } from '../../shared/hall';

// Written out and prepared once: a storm of arrivals writes a thousand of these in one go.
// A stretch still open (the server stopped while they were here) goes on: never restarted, never lost.
const START = `insert into meeting_attendance
	(meeting_id, user_id, role, unit_name, counts_for_quorum, first_seen_at, present_since)
	values (?, ?, ?, ?, ?, ?, ?)
	on conflict (meeting_id, user_id) do update set present_since = coalesce(present_since, excluded.present_since)`;
// One statement, no read first: what an open stretch adds is computed where the row is.
const END = `update meeting_attendance
	set present_ms = present_ms + max(0, ? - present_since), present_since = null
	where meeting_id = ? and user_id = ? and present_since is not null`;
const END_ALL = `update meeting_attendance
	set present_ms = present_ms + max(0, ? - present_since), present_since = null
	where meeting_id = ? and present_since is not null`;

export function startStretch(
	db: DbLike,
	meetingId: string,
	p: Participant,
	quorum: boolean,
	now = Date.now()
) {
	statement(db, START).run(meetingId, p.userId, p.role, p.unitName, quorum ? 1 : 0, now, now);
}

export function endStretch(db: DbLike, meetingId: string, userId: string, now = Date.now()) {
	statement(db, END).run(now, meetingId, userId);
}

/** End every open stretch of presence in a meeting (it closes, or a stopped server left them open). */
export function endOpenStretches(db: DbLike, meetingId: string, now = Date.now()) {
	statement(db, END_ALL).run(now, meetingId);
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
