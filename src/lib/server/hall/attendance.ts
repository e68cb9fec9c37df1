/**
 * Who is in the hall and who attended: entering and leaving (a person counts once, however many
 * connections they have), check-in (签到) towards quorum, and the attendance record — when each
 * person checked in and how long they were present, in stretches that never overlap.
 */
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../db';
import { attendance, users } from '../db/schema';
import { flushAll, sendPresence } from './outbox';
import { attendanceSummary, halls } from './registry';
import type { AttendanceSummary, HallSnapshot } from '../../shared/hall';
import { hallFor, mustBeAllowed, openHall } from './open';
import { countsForQuorum, describe } from './participants';
import { snapshot } from './snapshot';
import { endStretch, startStretch } from './stretches';
import type { Actor } from '../../shared/permissions';

/**
 * Enter the hall on one connection. The first connection of a person makes them present (and
 * starts their attendance stretch while live); further connections (a second tab, a reconnect
 * before the old one is noticed gone) change nothing, so nobody is counted twice.
 */
export function joinHall(
	db: Db,
	actor: Actor,
	meetingId: string,
	connectionId: string
): HallSnapshot {
	const hall = hallFor(db, actor, meetingId);
	let person = hall.people.get(actor.userId);
	if (!person) {
		const participant = describe(db, actor, hall.committeeId);
		const row = db
			.select()
			.from(attendance)
			.where(and(eq(attendance.meetingId, meetingId), eq(attendance.userId, actor.userId)))
			.get();
		participant.checkedIn = !!row?.checkedInAt;
		person = {
			participant,
			connections: new Set(),
			quorum: countsForQuorum(actor, hall.committeeId)
		};
		hall.people.set(actor.userId, person);
		if (hall.state.status === 'live') startStretch(db, meetingId, participant, person.quorum);
		sendPresence(hall, actor.userId, participant);
	} else flushAll(hall);
	person.connections.add(connectionId);
	return snapshot(db, actor, hall);
}

/** A connection left the hall (or closed). The person leaves when it was their last one. */
export function leaveHall(db: Db, meetingId: string, userId: string, connectionId: string): void {
	const hall = halls().get(meetingId);
	const person = hall?.people.get(userId);
	if (!hall || !person || !person.connections.delete(connectionId) || person.connections.size > 0)
		return;
	hall.people.delete(userId);
	if (hall.state.status === 'live') endStretch(db, meetingId, userId);
	// A raised hand stays: someone whose connection dropped keeps their place in the queue.
	sendPresence(hall, userId, null);
}

/** Check in (签到). Once is enough: the first check-in time is the one kept. */
export function checkIn(db: Db, actor: Actor, meetingId: string): AttendanceSummary {
	const hall = openHall(db, meetingId);
	mustBeAllowed(actor, hall, 'hall.checkIn');
	const person = hall.people.get(actor.userId);
	const participant = person?.participant ?? describe(db, actor, hall.committeeId);
	const row = db
		.select()
		.from(attendance)
		.where(and(eq(attendance.meetingId, meetingId), eq(attendance.userId, actor.userId)))
		.get();
	if (!row?.checkedInAt) {
		const now = new Date();
		db.insert(attendance)
			.values({
				meetingId,
				userId: actor.userId,
				role: participant.role,
				unitName: participant.unitName,
				countsForQuorum: countsForQuorum(actor, hall.committeeId),
				firstSeenAt: now,
				presentSince: person ? now : null,
				checkedInAt: now
			})
			.onConflictDoUpdate({
				target: [attendance.meetingId, attendance.userId],
				set: { checkedInAt: now }
			})
			.run();
	}
	if (person && !person.participant.checkedIn) {
		person.participant.checkedIn = true;
		sendPresence(hall, actor.userId, person.participant);
	}
	if (!row?.checkedInAt && countsForQuorum(actor, hall.committeeId)) hall.checkedInQuorum++;
	return attendanceSummary(hall);
}

/** The attendance record: who, check-in time, how long present, and whether they count towards quorum. */
export function attendanceRecord(db: Db, actor: Actor, meetingId: string) {
	const hall = hallFor(db, actor, meetingId);
	const now = Date.now();
	return db
		.select({ a: attendance, name: users.displayName })
		.from(attendance)
		.innerJoin(users, eq(users.id, attendance.userId))
		.where(eq(attendance.meetingId, meetingId))
		.orderBy(asc(attendance.firstSeenAt))
		.all()
		.map(({ a, name }) => ({
			userId: a.userId,
			name,
			role: a.role,
			unitName: a.unitName,
			countsForQuorum: a.countsForQuorum,
			checkedInAt: a.checkedInAt?.toISOString() ?? null,
			firstSeenAt: a.firstSeenAt.toISOString(),
			presentMs: a.presentMs + (a.presentSince ? Math.max(0, now - a.presentSince.getTime()) : 0),
			inHall: hall.people.has(a.userId)
		}));
}
