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
import { flushStretches, stretchesWritten, writeStretch } from './stretch-batch';
import type { Actor } from '../../shared/permissions';

/**
 * Enter the hall on one connection. The first connection of a person makes them present (and
 * starts their attendance stretch while live); further connections (a second tab, a reconnect
 * before the old one is noticed gone) change nothing, so nobody is counted twice.
 *
 * The person is in the hall at once (who is here, the quorum); their stretch is written with
 * the others arriving together (stretch-batch.ts), and the answer — the snapshot as it is then
 * — comes once it is on disk. `entered` runs just before the snapshot is taken: anything sent
 * to the hall afterwards reaches that connection after its answer.
 */
export async function joinHall(
	db: Db,
	actor: Actor,
	meetingId: string,
	connectionId: string,
	entered?: () => void
): Promise<HallSnapshot> {
	const hall = hallFor(db, actor, meetingId);
	let person = hall.people.get(actor.userId);
	if (!person) {
		const participant = describe(db, actor, hall.committeeId);
		const row = db
			.select({ checkedInAt: attendance.checkedInAt })
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
		person.connections.add(connectionId);
		const told = person.participant;
		const tell = () => sendPresence(hall, actor.userId, told);
		if (hall.state.status === 'live') {
			const at = Date.now();
			const write = { kind: 'start', meetingId, participant, quorum: person.quorum, at } as const;
			// Not stored, not in: the connection leaves again, and the refusal is the answer.
			await writeStretch(db, write, tell).catch(async (err: unknown) => {
				await leaveHall(db, meetingId, actor.userId, connectionId);
				throw err;
			});
		} else tell();
	} else {
		person.connections.add(connectionId);
		// Answered after the arrivals and departures already on their way to the disk, and after
		// what they send: someone asking again gets everything before the answer.
		await stretchesWritten(db);
		flushAll(hall);
	}
	entered?.();
	return snapshot(db, actor, hall);
}

/**
 * A connection left the hall (or closed). The person leaves when it was their last one; resolves
 * once their stretch's end is on disk.
 */
export function leaveHall(
	db: Db,
	meetingId: string,
	userId: string,
	connectionId: string
): Promise<void> {
	const hall = halls().get(meetingId);
	const person = hall?.people.get(userId);
	if (!hall || !person || !person.connections.delete(connectionId) || person.connections.size > 0)
		return Promise.resolve();
	hall.people.delete(userId);
	// A raised hand stays: someone whose connection dropped keeps their place in the queue.
	const tell = () => sendPresence(hall, userId, null);
	if (hall.state.status !== 'live') return Promise.resolve(tell());
	return writeStretch(db, { kind: 'end', meetingId, userId, at: Date.now() }, tell);
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
	// Arrivals and departures still on their way to the disk are part of the record.
	flushStretches(db);
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
