/**
 * Attendance and quorum in the live hall: check-in counts only while in the hall, present time
 * grows and stops, who counts towards quorum, and the closed record agrees with the live header.
 */
import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { waitFor } from '../helpers/yjs-client';
import { roleAssignments } from '../../src/lib/server/db/schema';
import { recordedQuorum, type AttendanceSummary } from '../../src/lib/shared/hall';
import { attendanceRecord } from '../../src/lib/server/hall/attendance';
import { closeMeeting, startMeeting } from '../../src/lib/server/hall/session';
import {
	t,
	clients,
	nextId,
	connect,
	hangUp,
	value,
	expectError,
	join,
	barrier,
	actorOf,
	unitIds,
	newMeeting,
	useHallApp,
	type Client
} from '../helpers/hall';

useHallApp();

describe('4. attendance and quorum', () => {
	it('check-in counts toward quorum only while in the hall; present time grows while there and stops when they leave', async () => {
		const m = newMeeting({ visibility: 'members', units: 4, quorum: 3, items: 1, live: false });
		const mid = m.id;
		const rec = () =>
			Object.fromEntries(attendanceRecord(t.db, actorOf('chair'), mid).map((r) => [r.userId, r]));
		const tick = async (ms: number) => {
			const until = Date.now() + ms;
			await waitFor(() => Date.now() >= until);
		};

		// member4 waits in the hall before the start: not checked in, and no time counted yet.
		const m4 = await connect('member4');
		await join(m4, mid);
		expectError(await m4.emit('hall:checkIn', { id: nextId(), meetingId: mid }), 'conflict');
		expect(attendanceRecord(t.db, actorOf('chair'), mid)).toEqual([]);
		startMeeting(t.db, actorOf('chair'), mid);
		expect(rec()[m4.userId]).toMatchObject({ checkedInAt: null, inHall: true });

		const chair = await connect('chair');
		expect((await join(chair, mid)).attendance).toEqual({
			inHall: 2,
			present: 0,
			quorum: 3,
			quorumMet: false
		});
		const checkIn = async (c: Client) =>
			value(
				await c.emit<{ attendance: AttendanceSummary }>('hall:checkIn', {
					id: nextId(),
					meetingId: mid
				})
			).attendance;

		const m1 = await connect('member1');
		expect((await join(m1, mid)).attendance.present).toBe(0);
		expect(await checkIn(m1)).toMatchObject({ inHall: 3, present: 1, quorumMet: false });
		const firstCheckIn = rec()[m1.userId]!.checkedInAt;
		expect(firstCheckIn).not.toBeNull();

		// Checked in without being in the hall: recorded, not counted.
		const m2 = await connect('member2');
		expect(await checkIn(m2)).toMatchObject({ inHall: 3, present: 1 });
		expect(rec()[m2.userId]).toMatchObject({ inHall: false, presentMs: 0 });
		expect(rec()[m2.userId]!.checkedInAt).not.toBeNull();
		// Entering counts them.
		const s2 = await join(m2, mid);
		expect(s2.attendance).toMatchObject({ inHall: 4, present: 2, quorumMet: false });
		expect(s2.participants.find((p) => p.userId === m2.userId)!.checkedIn).toBe(true);

		// Liaisons and the secretary check in but are not quorum (the supervisor observes: no check-in).
		for (const login of ['liaison1', 'admin']) {
			const c = await connect(login);
			await join(c, mid);
			expect((await checkIn(c)).present, login).toBe(2);
		}

		// The third member: quorum is met, and everyone hears it.
		const m3 = await connect('member3');
		await join(m3, mid);
		expect(await checkIn(m3)).toMatchObject({ present: 3, quorumMet: true });
		await barrier(chair, mid);
		expect(chair.presence.at(-1)).toMatchObject({
			joined: expect.arrayContaining([
				expect.objectContaining({ userId: m3.userId, checkedIn: true })
			]),
			attendance: { present: 3, quorumMet: true }
		});
		// Checking in again keeps the first time.
		expect(await checkIn(m1)).toMatchObject({ present: 3 });
		expect(rec()[m1.userId]!.checkedInAt).toBe(firstCheckIn);

		// Present time grows while in the hall.
		const p1 = rec()[m1.userId]!.presentMs;
		await tick(30);
		expect(rec()[m1.userId]!.presentMs).toBeGreaterThanOrEqual(p1 + 30);
		expect(rec()[m4.userId]!.presentMs).toBeGreaterThanOrEqual(30);

		// member3 leaves: quorum lost, their time stops.
		expect((await m3.emit('hall:leave', { id: nextId(), meetingId: mid })).ok).toBe(true);
		await barrier(chair, mid);
		expect(chair.presence.at(-1)).toMatchObject({
			left: expect.arrayContaining([m3.userId]),
			attendance: { present: 2, quorumMet: false }
		});
		const stopped = rec()[m3.userId]!;
		expect(stopped.inHall).toBe(false);
		await tick(30);
		expect(rec()[m3.userId]!.presentMs).toBe(stopped.presentMs);
		// Back in: counted again, still checked in, time resumes from where it stopped.
		expect((await join(m3, mid)).attendance).toMatchObject({ present: 3, quorumMet: true });
		await tick(20);
		expect(rec()[m3.userId]!.presentMs).toBeGreaterThanOrEqual(stopped.presentMs + 20);

		// Closing the meeting stops everyone's time.
		closeMeeting(t.db, actorOf('chair'), mid);
		const closed = rec();
		await tick(20);
		for (const [userId, r] of Object.entries(rec()))
			expect(r.presentMs, userId).toBe(closed[userId]!.presentMs);
		for (const c of clients.filter((c) => c.s.connected)) await hangUp(c);
	});

	it('someone who is both secretary and a member counts for quorum once checked in', async () => {
		const m = newMeeting({ visibility: 'members', units: 1, quorum: 1, items: 1 });
		const admin = t.db
			.select()
			.from(roleAssignments)
			.where(eq(roleAssignments.userId, t.userId('admin')))
			.get()!;
		t.db
			.insert(roleAssignments)
			.values({ ...admin, id: nextId('ra'), role: 'member', unitId: unitIds[0]! })
			.run();
		try {
			const a = await connect('admin');
			await join(a, m.id);
			const r = value(
				await a.emit<{ attendance: { present: number; quorumMet: boolean } }>('hall:checkIn', {
					id: nextId(),
					meetingId: m.id
				})
			);
			expect(r.attendance).toMatchObject({ present: 1, quorumMet: true });
			await hangUp(a);
		} finally {
			t.db
				.delete(roleAssignments)
				.where(
					and(eq(roleAssignments.userId, t.userId('admin')), eq(roleAssignments.role, 'member'))
				)
				.run();
		}
	});

	it('the recorder checks in but is not counted: the live header, the closed record and the attendance rows agree', async () => {
		const m = newMeeting({ visibility: 'members', units: 1, quorum: 3, items: 1 });
		const people = await Promise.all(['chair', 'member1', 'recorder'].map(connect));
		for (const c of people) await join(c, m.id);
		let last: AttendanceSummary | undefined;
		for (const c of people)
			last = value(
				await c.emit<{ attendance: AttendanceSummary }>('hall:checkIn', {
					id: nextId(),
					meetingId: m.id
				})
			).attendance;
		expect(last).toMatchObject({ present: 2, quorum: 3, quorumMet: false });
		closeMeeting(t.db, actorOf('chair'), m.id);
		// Once closed the header counts the record, whoever lingers or leaves.
		for (const c of people.slice(1)) await hangUp(c);
		expect((await join(people[0]!, m.id)).attendance).toMatchObject({
			present: 2,
			quorum: 3,
			quorumMet: false
		});
		const rows = attendanceRecord(t.db, actorOf('chair'), m.id);
		expect(Object.fromEntries(rows.map((r) => [r.role, r.countsForQuorum]))).toEqual({
			chair: true,
			member: true,
			recorder: false
		});
		expect(recordedQuorum(rows, 3)).toEqual({
			checkedIn: 3,
			present: 2,
			quorum: 3,
			quorumMet: false
		});
		await hangUp(people[0]!);
	});
});
