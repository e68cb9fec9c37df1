/**
 * The live hall under retries and reconnections (promise 20): an action id takes effect once,
 * connections count once per person, a reconnect returns the whole state, idle halls leave
 * memory and come back from the database, and presence left open by a stopped server is closed.
 */
import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { attendance, questions, comments as commentsTable } from '../../src/lib/server/db/schema';
import { halls } from '../../src/lib/server/hall/registry';
import { askQuestion } from '../../src/lib/server/hall/talk';
import { type CommentView, type QuestionView } from '../../src/lib/shared/hall';
import { attendanceRecord } from '../../src/lib/server/hall/attendance';
import { BROADCAST_WINDOW_MS } from '../../src/lib/server/hall/outbox';
import { openHall } from '../../src/lib/server/hall/open';
import {
	t,
	nextId,
	connect,
	hangUp,
	value,
	expectError,
	join,
	barrier,
	lastState,
	actorOf,
	newMeeting,
	useHallApp
} from '../helpers/hall';

useHallApp();

describe('3. idempotency and reconnection', () => {
	it('the same action id, from one connection or two, takes effect once', async () => {
		const m = newMeeting({ visibility: 'public', units: 3, items: 1, residentsMaySpeak: true });
		const mid = m.id;
		const item = m.items[0]!;
		const chair = await connect('chair');
		const [a1, a2] = [await connect('resident3'), await connect('resident3')];
		await join(chair, mid);
		await join(a1, mid);
		await join(a2, mid);

		// Ask: one question, the same answer every time, one broadcast.
		const ask = { id: nextId('q'), meetingId: mid, itemId: item, body: '公园几点关门？' };
		const first = await a1.emit<QuestionView>('hall:ask', ask);
		expect(first.ok).toBe(true);
		expect(await a1.emit('hall:ask', ask)).toEqual(first);
		expect(await a2.emit('hall:ask', ask)).toEqual(first);
		// The service itself keeps it once too (a retry that misses the connection's memory, e.g. after a restart).
		expect(askQuestion(t.db, actorOf('resident3'), mid, ask)).toEqual(value(first));
		expect(t.db.select().from(questions).where(eq(questions.id, ask.id)).all()).toHaveLength(1);
		// Someone else using the same id does not take it over.
		const m1 = await connect('member1');
		expectError(await m1.emit('hall:ask', { ...ask, body: '改掉' }), 'conflict');
		expect(t.db.select().from(questions).where(eq(questions.id, ask.id)).get()!.body).toBe(
			'公园几点关门？'
		);
		await barrier(chair, mid);
		expect(chair.questions.filter((q) => q.id === ask.id)).toHaveLength(1);

		// Hand: raised twice (same id, both connections; then a new id) → one queue entry.
		const hand = { id: nextId(), meetingId: mid, raise: true };
		const h1 = value(await a1.emit<{ version: number }>('hall:hand', hand));
		expect(value(await a2.emit<{ version: number }>('hall:hand', hand))).toEqual(h1);
		expect(
			value(await a2.emit<{ version: number }>('hall:hand', { ...hand, id: nextId() }))
		).toEqual(h1);
		expect(
			halls()
				.get(mid)!
				.state.queue.filter((q) => q.userId === a1.userId)
		).toHaveLength(1);
		expect(halls().get(mid)!.state.version).toBe(h1.version);

		// Upvote member1's question: twice with one id, then with another → counted once.
		const theirs = value(
			await m1.emit<QuestionView>('hall:ask', {
				id: nextId('q'),
				meetingId: mid,
				itemId: item,
				body: '路灯能修吗？'
			})
		);
		const up = { id: nextId(), meetingId: mid, questionId: theirs.id };
		expect(value(await a1.emit<QuestionView>('hall:upvote', up)).upvotes).toBe(1);
		expect(value(await a2.emit<QuestionView>('hall:upvote', up)).upvotes).toBe(1);
		expect(value(await a1.emit<QuestionView>('hall:upvote', { ...up, id: nextId() })).upvotes).toBe(
			1
		);
		expect(
			t.db.$client
				.prepare('select count(*) from meeting_question_vote where question_id = ?')
				.pluck()
				.get(theirs.id)
		).toBe(1);
		// One's own question cannot be upvoted.
		expectError(
			await a1.emit('hall:upvote', { id: nextId(), meetingId: mid, questionId: ask.id }),
			'conflict'
		);

		// React twice, comment twice with one id.
		const react = { id: nextId(), meetingId: mid, itemId: item, kind: 'support' };
		await a1.emit('hall:react', react);
		await a2.emit('hall:react', { ...react, id: nextId() });
		expect(
			value(await a2.emit<{ counts: Record<string, number> }>('hall:react', react)).counts
		).toEqual({ support: 1, oppose: 0, unclear: 0 });
		const comment = { id: nextId('c'), meetingId: mid, itemId: item, body: '同意' };
		const c1 = await a1.emit('hall:comment', comment);
		expect(await a2.emit('hall:comment', comment)).toEqual(c1);
		expect(
			t.db.select().from(commentsTable).where(eq(commentsTable.meetingId, mid)).all()
		).toHaveLength(1);

		for (const c of [chair, a1, a2, m1]) await hangUp(c);
	});

	it('two connections count once; closing one keeps the person present; leaving and rejoining never double-counts', async () => {
		const m = newMeeting({ visibility: 'public', units: 3, items: 1 });
		const mid = m.id;
		const chair = await connect('chair');
		expect((await join(chair, mid)).attendance.inHall).toBe(1);
		const firstJoinAt = Date.now();
		const a1 = await connect('resident3');
		const a2 = await connect('resident3');
		expect((await join(a1, mid)).attendance.inHall).toBe(2);
		const snap = await join(a2, mid);
		expect(snap.attendance.inHall).toBe(2);
		expect(snap.participants.filter((p) => p.userId === a1.userId)).toHaveLength(1);
		await barrier(chair, mid);
		expect(chair.presence.filter((p) => p.joined.some((j) => j.userId === a1.userId))).toHaveLength(
			1
		);

		// One connection closes: still present, nobody is told they left.
		await hangUp(a1);
		const other = await connect('resident6');
		expect((await join(other, mid)).attendance.inHall).toBe(3);
		await barrier(chair, mid);
		expect(chair.presence.some((p) => p.left.includes(a1.userId))).toBe(false);
		expect(chair.presence.at(-1)).toMatchObject({
			joined: expect.arrayContaining([expect.objectContaining({ userId: other.userId })]),
			attendance: { inHall: 3 }
		});
		expect(
			attendanceRecord(t.db, actorOf('chair'), mid).find((r) => r.userId === a1.userId)!.inHall
		).toBe(true);

		// Leave and come back, three times: counted once each time, one attendance row.
		for (let i = 0; i < 3; i++) {
			expect((await a2.emit('hall:leave', { id: nextId(), meetingId: mid })).ok).toBe(true);
			await barrier(chair, mid);
			expect(chair.presence.at(-1)).toMatchObject({
				left: expect.arrayContaining([a1.userId]),
				attendance: { inHall: 2 }
			});
			expect((await join(a2, mid)).attendance.inHall).toBe(3);
		}
		// Leaving twice is leaving once.
		expect((await a2.emit('hall:leave', { id: nextId(), meetingId: mid })).ok).toBe(true);
		expect((await a2.emit('hall:leave', { id: nextId(), meetingId: mid })).ok).toBe(true);
		await barrier(chair, mid);
		expect(chair.presence.filter((p) => p.left.includes(a1.userId))).toHaveLength(4);
		expect(chair.presence.at(-1)!.attendance.inHall).toBe(2);
		expect((await join(a2, mid)).attendance.inHall).toBe(3);
		const rows = attendanceRecord(t.db, actorOf('chair'), mid).filter(
			(r) => r.userId === a1.userId
		);
		expect(rows).toHaveLength(1);
		// Present time never exceeds the time since the first join (no overlapping stretches).
		expect(rows[0]!.presentMs).toBeLessThanOrEqual(Date.now() - firstJoinAt);

		// A new connection joins before the old one is noticed gone: still one person.
		const a3 = await connect('resident3');
		expect((await join(a3, mid)).attendance.inHall).toBe(3);
		await hangUp(a2);
		expect((await barrier(chair, mid)).attendance.inHall).toBe(3);
		expect(chair.presence.at(-1)!.left).not.toContain(a1.userId);
		await hangUp(a3);
		expect((await barrier(chair, mid)).attendance.inHall).toBe(2);
		expect(chair.presence.at(-1)).toMatchObject({
			left: expect.arrayContaining([a1.userId]),
			attendance: { inHall: 2 }
		});
		for (const c of [chair, other]) await hangUp(c);
	});

	it('after a drop and a reconnect, joining returns the whole current state, and a retried action takes effect once', async () => {
		const m = newMeeting({ visibility: 'public', units: 3, items: 2, residentsMaySpeak: true });
		const mid = m.id;
		const chair = await connect('chair');
		await join(chair, mid);
		const before = await connect('resident3');
		await join(before, mid);
		const hand = { id: nextId(), meetingId: mid, raise: true };
		const handAck = await before.emit('hall:hand', hand);
		expect(handAck.ok).toBe(true);
		const up = value(
			await chair.emit<QuestionView>('hall:ask', {
				id: nextId('q'),
				meetingId: mid,
				itemId: m.items[0],
				body: '大家怎么看？'
			})
		);
		expect(
			(await before.emit('hall:upvote', { id: nextId(), meetingId: mid, questionId: up.id })).ok
		).toBe(true);
		expect(
			(
				await before.emit('hall:react', {
					id: nextId(),
					meetingId: mid,
					itemId: m.items[0],
					kind: 'unclear'
				})
			).ok
		).toBe(true);

		// The network drops; the hall goes on without them (the raised hand stays).
		await hangUp(before);
		const versions: number[] = [];
		for (const [event, p] of [
			['hall:floor', { action: 'next' }],
			['hall:floor', { action: 'extend', seconds: 120 }],
			['hall:agenda', { to: 'next' }]
		] as const) {
			versions.push(
				value(await chair.emit<{ version: number }>(event, { id: nextId(), meetingId: mid, ...p }))
					.version
			);
		}
		const comment = value(
			await chair.emit<CommentView>('hall:comment', {
				id: nextId('c'),
				meetingId: mid,
				itemId: m.items[1],
				body: '下一项'
			})
		);

		const after = await connect('resident3');
		// The hand retried (its ack was lost): the same answer, not raised again (they are speaking).
		expect(await after.emit('hall:hand', hand)).toEqual(handAck);
		const snap = await join(after, mid);
		const latest = halls().get(mid)!.state;
		expect(snap.state.version).toBe(versions.at(-1));
		expect(snap.state).toEqual(latest);
		expect(
			(
				t.db.$client.prepare('select version from hall_state where meeting_id = ?').get(mid) as {
					version: number;
				}
			).version
		).toBe(latest.version);
		expect(snap.state.speaker).toMatchObject({ userId: after.userId, limitSec: 300 });
		expect(snap.state.queue).toEqual([]);
		expect(snap.state.itemId).toBe(m.items[1]);
		expect(snap.questions.map((q) => [q.id, q.upvotes])).toEqual([[up.id, 1]]);
		expect(snap.comments.map((c) => c.id)).toEqual([comment.id]);
		expect(snap.reactions[m.items[0]!]).toEqual({ support: 0, oppose: 0, unclear: 1 });
		expect(snap.mine).toEqual({ upvoted: [up.id], reactions: { [m.items[0]!]: 'unclear' } });
		expect(snap.participants.map((p) => p.userId).sort()).toEqual(
			[chair.userId, after.userId].sort()
		);
		expect(snap.attendance.inHall).toBe(2);
		expect(Math.abs(snap.serverNow - Date.now())).toBeLessThan(1000);
		// And deltas follow from there.
		const v = value(
			await chair.emit<{ version: number }>('hall:floor', {
				id: nextId(),
				meetingId: mid,
				action: 'end'
			})
		).version;
		await barrier(after, mid);
		expect(lastState(after)).toMatchObject({ version: v, speaker: null });
		for (const c of [chair, after]) await hangUp(c);
	});

	it('halls nobody is in are let go from memory once many have been opened; their state comes back from the database', async () => {
		const m = newMeeting({ visibility: 'members', units: 1, items: 2 });
		const chair = await connect('chair');
		await join(chair, m.id);
		const moved = value(
			await chair.emit<{ version: number }>('hall:agenda', {
				id: nextId(),
				meetingId: m.id,
				to: 'next'
			})
		);
		await hangUp(chair);
		// Let the last broadcasts of the window go out (a hall with one pending is kept).
		await new Promise((r) => setTimeout(r, 2 * BROADCAST_WINDOW_MS));
		// Touch many other meetings' halls (as permission checks do), without anyone entering.
		for (let i = 0; i < 210; i++)
			openHall(t.db, newMeeting({ visibility: 'members', units: 0, items: 0, live: false }).id);
		expect(halls().size).toBeLessThanOrEqual(211);
		expect(halls().has(m.id)).toBe(false);
		const back = openHall(t.db, m.id);
		expect(back.state.version).toBe(moved.version);
		expect(back.state.itemId).toBe(m.items[1]);
	});

	it('a stretch of presence left open by a stopped server ends when the hall is next opened, and a returning person starts anew', async () => {
		const m = newMeeting({ visibility: 'members', units: 1, items: 1 });
		const member = await connect('member1');
		await join(member, m.id);
		// The server "stops" with member1 present: the process forgets the hall, the row stays open.
		const openRow = () =>
			attendanceRecord(t.db, actorOf('chair'), m.id).find((r) => r.userId === member.userId)!;
		halls().get(m.id)!.people.clear();
		member.s.disconnect();
		halls().delete(m.id);
		const stoppedAt = Date.now();
		await new Promise((r) => setTimeout(r, 30));
		const reopened = openHall(t.db, m.id);
		expect(reopened.people.size).toBe(0);
		const row = t.db
			.select()
			.from(attendance)
			.where(and(eq(attendance.meetingId, m.id), eq(attendance.userId, member.userId)))
			.get()!;
		expect(row.presentSince).toBeNull();
		const counted = row.presentMs;
		expect(counted).toBeGreaterThan(0);
		expect(counted).toBeLessThanOrEqual(Date.now() - stoppedAt + 1000);
		// Coming back starts a new stretch on top of what was counted.
		const again = await connect('member1');
		await join(again, m.id);
		await new Promise((r) => setTimeout(r, 30));
		expect(openRow().presentMs).toBeGreaterThanOrEqual(counted + 30);
		await hangUp(again);
	});
});
