import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoDb, type TestDb } from '../seed/test-db';
import { listNotifications, markRead, notify, unreadCount } from './notifications';

let t: TestDb;
beforeAll(async () => {
	t = await demoDb();
});
afterAll(() => t.close());

let n = 0;
const note = () => ({
	kind: 'need.status' as const,
	params: { title: `通知 ${++n}`, status: 'accepted' },
	link: `/needs/n${n}`
});

describe('notify', () => {
	it('tells a crowd larger than one statement can bind (a street-wide meeting)', () => {
		const ids = Array.from({ length: 6000 }, (_, i) => `crowd${i}`);
		const add = t.db.$client.prepare(
			"insert into user (id, login, display_name, password_hash, created_at) values (?, ?, '居民', 'x', 0)"
		);
		t.db.$client.transaction(() => ids.forEach((id) => add.run(id, id)))();
		notify(t.db, ids, note());
		expect(unreadCount(t.db, 'crowd5999')).toBe(1);
	});

	it('stores one row per person even when named twice, and pushes nothing until the commit says so', () => {
		const [a, b] = [t.userId('resident1'), t.userId('resident2')];
		const before = { a: unreadCount(t.db, a), b: unreadCount(t.db, b) };
		t.emitted.length = 0;
		const input = note();
		const push = notify(t.db, [a, b, a], input);
		expect(unreadCount(t.db, a)).toBe(before.a + 1);
		expect(unreadCount(t.db, b)).toBe(before.b + 1);
		expect(t.emitted).toEqual([]);
		push();
		expect(t.emitted.map((e) => [e.room, e.event])).toEqual([
			[`user:${a}`, 'notification:new'],
			[`user:${b}`, 'notification:new']
		]);
		const stored = listNotifications(t.db, a)[0]!;
		expect(stored).toMatchObject({
			kind: 'need.status',
			params: input.params,
			link: input.link,
			readAt: null
		});
		expect(t.emitted[0]!.payload).toMatchObject({
			id: stored.id,
			params: input.params,
			link: input.link
		});
	});

	it('inside a transaction that fails, stores nothing', () => {
		const a = t.userId('resident3');
		const before = unreadCount(t.db, a);
		expect(() =>
			t.db.transaction((tx) => {
				notify(tx, [a], note());
				throw new Error('the change itself failed');
			})
		).toThrow('the change itself failed');
		expect(unreadCount(t.db, a)).toBe(before);
	});
});

describe('reading notifications', () => {
	it('lists a person’s own, newest first, up to the limit', () => {
		const a = t.userId('resident4');
		const links = [note(), note(), note()].map((x) => {
			notify(t.db, [a], x);
			return x.link;
		});
		notify(t.db, [t.userId('resident5')], note());
		const mine = listNotifications(t.db, a);
		expect(mine.every((x) => x.userId === a)).toBe(true);
		expect(
			mine
				.slice(0, 3)
				.map((x) => x.link)
				.sort()
		).toEqual([...links].sort());
		const times = mine.map((x) => x.createdAt.getTime());
		expect(times).toEqual([...times].sort((x, y) => y - x));
		expect(listNotifications(t.db, a, 2)).toHaveLength(2);
	});

	it('marks read only the person’s own: the ones named, or all of them', () => {
		const [a, b] = [t.userId('resident6'), t.userId('resident7')];
		// The demo data may have told them of things already: count from what is unread now.
		const [a0, b0] = [unreadCount(t.db, a), unreadCount(t.db, b)];
		for (let i = 0; i < 3; i++) notify(t.db, [a, b], note());
		const [first, second] = listNotifications(t.db, a);
		const theirs = listNotifications(t.db, b)[0]!;
		// Someone else's id in the list is ignored: no one marks another person's notifications.
		markRead(t.db, a, [first!.id, theirs.id]);
		expect(unreadCount(t.db, a)).toBe(a0 + 2);
		expect(unreadCount(t.db, b)).toBe(b0 + 3);
		const readAt = listNotifications(t.db, a).find((x) => x.id === first!.id)!.readAt;
		expect(readAt).toBeInstanceOf(Date);
		markRead(t.db, a, [second!.id]);
		expect(unreadCount(t.db, a)).toBe(a0 + 1);
		markRead(t.db, a);
		expect(unreadCount(t.db, a)).toBe(0);
		expect(unreadCount(t.db, b)).toBe(b0 + 3);
		// Marking again keeps the first read time.
		markRead(t.db, a);
		expect(listNotifications(t.db, a).find((x) => x.id === first!.id)!.readAt).toEqual(readAt);
	});
});
