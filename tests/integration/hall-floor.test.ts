/**
 * The live hall's floor (promise 15): one queue, points of order first, the floor given, extended
 * and ended with speeches logged; a burst of hands batched into a few state messages; residents
 * ask to speak only where the meeting allows it.
 */
import { describe, expect, it } from 'vitest';
import { waitFor } from '../helpers/yjs-client';
import { halls } from '../../src/lib/server/hall/registry';
import { type HallState } from '../../src/lib/shared/hall';
import { speechLog } from '../../src/lib/server/hall/snapshot';
import {
	t,
	nextId,
	connect,
	hangUp,
	value,
	outcome,
	expectError,
	join,
	barrier,
	lastState,
	actorOf,
	newMeeting,
	useHallApp,
	type Client
} from '../helpers/hall';

useHallApp();

describe('2. floor', () => {
	it('one FIFO queue for everyone, points of order first, floor given, speeches logged, extended, reordered, removed, cleared', async () => {
		const m = newMeeting({ visibility: 'public', units: 3, items: 2, residentsMaySpeak: true });
		const mid = m.id;
		const [chair, m1, m2, r3, l1, rec] = await Promise.all(
			['chair', 'member1', 'member2', 'resident3', 'liaison1', 'recorder'].map(connect)
		);
		const everyone = [chair!, m1!, m2!, r3!, l1!, rec!];
		for (const c of everyone) await join(c, mid);
		const hand = async (c: Client, raise: boolean, pointOfOrder?: boolean) =>
			value(
				await c.emit<{ version: number }>('hall:hand', {
					id: nextId(),
					meetingId: mid,
					raise,
					...(pointOfOrder === undefined ? {} : { pointOfOrder })
				})
			);
		const chairDo = async (
			event: 'hall:floor' | 'hall:queue' | 'hall:agenda',
			p: Record<string, unknown>
		) =>
			value(await chair!.emit<{ version: number }>(event, { id: nextId(), meetingId: mid, ...p }));
		/** After a barrier on every connection, all saw the same latest state, which is the server's. */
		const seenByAll = async (version: number): Promise<HallState> => {
			for (const c of everyone) await barrier(c, mid);
			const server = halls().get(mid)!.state;
			expect(server.version).toBe(version);
			for (const c of everyone) expect(lastState(c), c.login).toEqual(server);
			return server;
		};
		const queue = (s: HallState) =>
			s.queue.map(
				(q) =>
					`${t.db.$client.prepare('select login from user where id = ?').pluck().get(q.userId) as string}${q.pointOfOrder ? '!' : ''}`
			);

		await hand(m1!, true);
		await hand(r3!, true);
		let v = (await hand(m2!, true)).version;
		expect(queue(await seenByAll(v))).toEqual(['member1', 'resident3', 'member2']);

		// Points of order go to the head, after earlier points of order, and are marked. Never from residents.
		expectError(
			await r3!.emit('hall:hand', {
				id: nextId(),
				meetingId: mid,
				raise: true,
				pointOfOrder: true
			}),
			'forbidden'
		);
		await hand(l1!, true, true);
		v = (await hand(rec!, true, true)).version;
		let s = await seenByAll(v);
		expect(queue(s)).toEqual(['liaison1!', 'recorder!', 'member1', 'resident3', 'member2']);
		expect(s.queue.map((q) => q.pointOfOrder)).toEqual([true, true, false, false, false]);

		// Lowering and raising again goes to the back of the line.
		await hand(m1!, false);
		v = (await hand(m1!, true)).version;
		expect(queue(await seenByAll(v))).toEqual([
			'liaison1!',
			'recorder!',
			'resident3',
			'member2',
			'member1'
		]);

		// The chair gives the floor to the next: the first point of order.
		const beforeNext = Date.now();
		v = (await chairDo('hall:floor', { action: 'next' })).version;
		s = await seenByAll(v);
		expect(s.speaker).toMatchObject({
			userId: l1!.userId,
			pointOfOrder: true,
			itemId: m.items[0],
			limitSec: 180
		});
		expect(s.speaker!.startedAt).toBeGreaterThanOrEqual(beforeNext);
		expect(queue(s)).toEqual(['recorder!', 'resident3', 'member2', 'member1']);
		// Extending adds time.
		v = (await chairDo('hall:floor', { action: 'extend', seconds: 60 })).version;
		expect((await seenByAll(v)).speaker!.limitSec).toBe(240);
		// The speaker raising a hand changes nothing.
		expect((await hand(l1!, true)).version).toBe(v);

		// Ending the speech writes the speech log, with its duration.
		const started = s.speaker!.startedAt;
		await waitFor(() => Date.now() >= started + 30);
		v = (await chairDo('hall:floor', { action: 'end' })).version;
		const endedBy = Date.now();
		expect((await seenByAll(v)).speaker).toBeNull();
		let log = speechLog(t.db, actorOf('resident3'), mid);
		expect(log).toHaveLength(1);
		expect(log[0]).toMatchObject({
			userId: l1!.userId,
			pointOfOrder: true,
			itemId: m.items[0],
			startedAt: new Date(started).toISOString()
		});
		expect(log[0]!.durationMs).toBeGreaterThanOrEqual(30);
		expect(log[0]!.durationMs).toBeLessThanOrEqual(endedBy - started);
		// Ending again, or extending nobody, changes nothing.
		expect((await chairDo('hall:floor', { action: 'end' })).version).toBe(v);
		expectError(
			await chair!.emit('hall:floor', {
				id: nextId(),
				meetingId: mid,
				action: 'extend',
				seconds: 30
			}),
			'conflict'
		);

		// The floor given to someone further down the queue.
		v = (await chairDo('hall:floor', { action: 'give', userId: m2!.userId })).version;
		s = await seenByAll(v);
		expect(s.speaker).toMatchObject({ userId: m2!.userId, pointOfOrder: false });
		expect(queue(s)).toEqual(['recorder!', 'resident3', 'member1']);
		expectError(
			await chair!.emit('hall:floor', {
				id: nextId(),
				meetingId: mid,
				action: 'give',
				userId: l1!.userId
			}),
			'conflict'
		);
		expectError(
			await chair!.emit('hall:floor', { id: nextId(), meetingId: mid, action: 'give' }),
			'conflict'
		);

		// The agenda moves on; the next speech belongs to the new item; "next" ends the current speech.
		await chairDo('hall:agenda', { to: 'next' });
		expectError(
			await chair!.emit('hall:agenda', { id: nextId(), meetingId: mid, to: 'next' }),
			'conflict'
		);
		v = (await chairDo('hall:floor', { action: 'next' })).version;
		s = await seenByAll(v);
		expect(s.itemId).toBe(m.items[1]);
		expect(s.itemUsedMs[m.items[0]!]).toBeGreaterThan(0);
		expect(s.speaker).toMatchObject({
			userId: rec!.userId,
			pointOfOrder: true,
			itemId: m.items[1]
		});
		log = speechLog(t.db, actorOf('chair'), mid);
		expect(log.map((l) => [l.userId, l.itemId])).toEqual([
			[l1!.userId, m.items[0]],
			[m2!.userId, m.items[0]]
		]);
		expect(speechLog(t.db, actorOf('chair'), mid, m.items[0]).length).toBe(2);
		expect(speechLog(t.db, actorOf('chair'), mid, m.items[1]).length).toBe(0);

		// Reorder, remove, clear.
		await hand(l1!, true);
		v = (await hand(m2!, true)).version;
		expect(queue(await seenByAll(v))).toEqual(['resident3', 'member1', 'liaison1', 'member2']);
		v = (await chairDo('hall:queue', { action: 'move', userId: m2!.userId, toIndex: 0 })).version;
		expect(queue(await seenByAll(v))).toEqual(['member2', 'resident3', 'member1', 'liaison1']);
		v = (await chairDo('hall:queue', { action: 'move', userId: m2!.userId, toIndex: 99 })).version;
		expect(queue(await seenByAll(v))).toEqual(['resident3', 'member1', 'liaison1', 'member2']);
		v = (await chairDo('hall:queue', { action: 'remove', userId: m1!.userId })).version;
		expect(queue(await seenByAll(v))).toEqual(['resident3', 'liaison1', 'member2']);
		expectError(
			await chair!.emit('hall:queue', {
				id: nextId(),
				meetingId: mid,
				action: 'remove',
				userId: m1!.userId
			}),
			'conflict'
		);
		v = (await chairDo('hall:queue', { action: 'clear' })).version;
		expect(queue(await seenByAll(v))).toEqual([]);
		expect((await chairDo('hall:queue', { action: 'clear' })).version).toBe(v);
		// "Next" with an empty queue is refused (and the speaker keeps the floor).
		expectError(
			await chair!.emit('hall:floor', { id: nextId(), meetingId: mid, action: 'next' }),
			'conflict'
		);
		expect(halls().get(mid)!.state.speaker?.userId).toBe(rec!.userId);

		// Every version was stored with the state, so a restart resumes the same floor.
		const stored = t.db.$client
			.prepare('select version, state from hall_state where meeting_id = ?')
			.get(mid) as { version: number; state: string };
		expect(stored.version).toBe(halls().get(mid)!.state.version);
		expect(JSON.parse(stored.state)).toEqual(halls().get(mid)!.state);
		for (const c of everyone) await hangUp(c);
	});

	it('a burst of hands goes out as a few state messages, the last one holding every hand', async () => {
		const m = newMeeting({ visibility: 'public', units: 3, items: 1, residentsMaySpeak: true });
		const chair = await connect('chair');
		await join(chair, m.id);
		const residents = [
			'resident3',
			'resident6',
			'resident9',
			'resident12',
			'resident15',
			'resident18'
		];
		const cs = await Promise.all(residents.map((l) => connect(l)));
		for (const c of cs) await join(c, m.id);
		const before = chair.states.length;
		const acks = await Promise.all(
			cs.map((c) =>
				c.emit<{ version: number }>('hall:hand', { id: nextId(), meetingId: m.id, raise: true })
			)
		);
		const versions = acks.map((a) => value(a).version);
		await waitFor(() => lastState(chair)?.version === Math.max(...versions));
		const sent = chair.states.slice(before);
		expect(sent.length).toBeLessThan(cs.length);
		expect(
			lastState(chair)!
				.queue.map((q) => q.userId)
				.sort()
		).toEqual(cs.map((c) => c.userId).sort());
		// Versions only go up, so a client can drop anything older than what it has.
		expect(sent.map((x) => x.version)).toEqual(
			[...sent.map((x) => x.version)].sort((a, b) => a - b)
		);
		for (const c of [chair, ...cs]) await hangUp(c);
	});

	it('residents ask to speak only in a meeting that allows it, never raise a point of order, and may always lower a hand', async () => {
		const closed = newMeeting({ visibility: 'public', units: 3, items: 1 });
		const open = newMeeting({ visibility: 'public', units: 3, items: 1, residentsMaySpeak: true });
		const r = await connect('resident3');
		for (const id of [closed.id, open.id]) await join(r, id);
		const hand = async (meetingId: string, raise: boolean, pointOfOrder?: boolean) =>
			outcome(
				await r.emit('hall:hand', {
					id: nextId(),
					meetingId,
					raise,
					...(pointOfOrder ? { pointOfOrder } : {})
				})
			);
		expect(await hand(closed.id, true)).toBe('forbidden');
		expect(await hand(closed.id, true, true)).toBe('forbidden');
		expect(await hand(open.id, true, true)).toBe('forbidden');
		expect(await hand(open.id, true)).toBe('ok');
		expect(
			halls()
				.get(open.id)!
				.state.queue.map((q) => q.userId)
		).toEqual([r.userId]);
		expect(await hand(open.id, false)).toBe('ok');
		expect(halls().get(open.id)!.state.queue).toEqual([]);
		await hangUp(r);
	});
});
