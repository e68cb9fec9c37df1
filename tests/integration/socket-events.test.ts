/**
 * socket.io events (promises 14–16): per-event permission, validation of every payload,
 * de-duplication of retried events, rate limits per connection and per person, and oversized
 * frames.
 *
 * Negative checks ("X did not receive Y") use barriers, not waits: the server writes to one
 * socket in order, so once a later broadcast has arrived, an earlier one would have too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { io as ioClient, type Socket } from 'socket.io-client';
import { startApp, type TestApp } from '../helpers/app';
import { waitFor } from '../helpers/yjs-client';
import { committees, roleAssignments, units } from '../../src/lib/server/db/schema';
import { getHub } from '../../src/lib/server/platform/hub';
import type { PresenceEntry } from '../../src/lib/shared/events';
import type { Result } from '../../src/lib/shared/result';
import { PERSON_BUDGET } from '../../server/socket/rate-limit';

type Changed = { committeeId: string; online: PresenceEntry[] };

interface Client {
	s: Socket;
	login: string;
	changed: Changed[];
	disconnectReason: string | null;
	emit(event: string, ...args: unknown[]): Promise<Result<unknown>>;
}

let t: TestApp;
let committeeId: string;
const otherCommittee = 'othercommittee1';
const clients: Client[] = [];
let seq = 0;
const nextId = () => `ev-${++seq}-${Math.random().toString(36).slice(2, 8)}`;

async function connect(login: string, headers: Record<string, string> = {}): Promise<Client> {
	const s = ioClient(t.url, {
		transports: ['websocket'],
		extraHeaders: { cookie: t.cookie(login), origin: t.origin, ...headers },
		reconnection: false,
		forceNew: true
	});
	const c: Client = {
		s,
		login,
		changed: [],
		disconnectReason: null,
		emit: (event, ...args) =>
			s.timeout(3000).emitWithAck(event, ...args) as Promise<Result<unknown>>
	};
	s.on('presence:changed', (p: Changed) => c.changed.push(p));
	s.on('disconnect', (reason) => (c.disconnectReason = reason));
	await new Promise<void>((resolve, reject) => {
		s.once('connect', () => resolve());
		s.once('connect_error', reject);
	});
	clients.push(c);
	return c;
}

const onlineIds = (r: Result<unknown>) =>
	((r as { value: { online: PresenceEntry[] } }).value.online ?? []).map((p) => p.userId);

function expectError(r: Result<unknown>, code: string) {
	expect(r.ok).toBe(false);
	if (!r.ok) {
		expect(r.error.code).toBe(code);
		expect(typeof r.error.message).toBe('string');
		expect(r.error.message.trim().length).toBeGreaterThan(0);
		expect(r.error.message).not.toMatch(/^err\./); // translated, not a message key
	}
}

beforeAll(async () => {
	t = await startApp();
	committeeId = t.db.select().from(committees).get()!.id;
	// A second committee in which only resident20 also has a role.
	t.db
		.insert(committees)
		.values({ id: otherCommittee, name: '另一个大工委', street: '别的街道', createdAt: new Date() })
		.run();
	t.db
		.insert(roleAssignments)
		.values({
			id: 'otherrole1',
			userId: t.userId('resident20'),
			committeeId: otherCommittee,
			role: 'resident',
			createdAt: new Date()
		})
		.run();
});
afterAll(async () => {
	for (const c of clients) c.s.disconnect();
	await t.close();
});

describe('presence:join', () => {
	it('joining one’s own committee is acknowledged and broadcast to the others', async () => {
		const a = await connect('chair');
		const b = await connect('member1');
		const r = await b.emit('presence:join', { id: nextId(), committeeId });
		expect(r.ok).toBe(true);
		expect(onlineIds(r)).toContain(t.userId('member1'));

		const ra = await a.emit('presence:join', { id: nextId(), committeeId });
		expect(ra.ok).toBe(true);
		expect(onlineIds(ra)).toEqual(expect.arrayContaining([t.userId('chair'), t.userId('member1')]));
		await waitFor(() =>
			b.changed.some(
				(c) => c.committeeId === committeeId && c.online.some((p) => p.userId === t.userId('chair'))
			)
		);
		const entry = b.changed.at(-1)!.online.find((p) => p.userId === t.userId('chair'))!;
		expect(entry).toEqual({ userId: t.userId('chair'), displayName: '李主任', status: 'online' });

		// A resident may join too (every role in the committee).
		const res = await connect('resident1');
		expect((await res.emit('presence:join', { id: nextId(), committeeId })).ok).toBe(true);
		await waitFor(() =>
			a.changed.some((c) => c.online.some((p) => p.userId === t.userId('resident1')))
		);

		// Disconnecting removes the person and tells the others.
		res.s.disconnect();
		await waitFor(() => {
			const last = a.changed.at(-1);
			return !!last && !last.online.some((p) => p.userId === t.userId('resident1'));
		});
	});

	it('a committee the person has no role in → forbidden, and nothing changes', async () => {
		const a = await connect('member2');
		for (const id of [otherCommittee, 'nosuchcommittee', committeeId.toUpperCase()]) {
			expectError(await a.emit('presence:join', { id: nextId(), committeeId: id }), 'forbidden');
		}
		expectError(
			await a.emit('presence:update', {
				id: nextId(),
				committeeId: otherCommittee,
				status: 'away'
			}),
			'forbidden'
		);
		expectError(
			await a.emit('presence:leave', { id: nextId(), committeeId: otherCommittee }),
			'forbidden'
		);
		// Not joined to the committee either: update and leave need a join first.
		expectError(
			await a.emit('presence:update', { id: nextId(), committeeId, status: 'away' }),
			'forbidden'
		);

		// Someone of the other committee joins it: member2 must not hear of it.
		const other = await connect('resident20');
		const ro = await other.emit('presence:join', { id: nextId(), committeeId: otherCommittee });
		expect(ro.ok).toBe(true);
		expect(onlineIds(ro)).toEqual([t.userId('resident20')]); // member2 is not listed there
		// Barrier: a later broadcast in member2's own committee reaches member2.
		const c = await connect('member3');
		expect((await c.emit('presence:join', { id: nextId(), committeeId })).ok).toBe(true);
		await waitFor(() =>
			a.changed.some((ch) => ch.online.some((p) => p.userId === t.userId('member3')))
		);
		expect(a.changed.filter((ch) => ch.committeeId !== committeeId)).toEqual([]);
	});
});

describe('validation', () => {
	it('malformed payloads → bad_request with a message, and no effect', async () => {
		const a = await connect('member4');
		const good = { id: 'x1', committeeId };
		const cases: [string, unknown][] = [
			['presence:join', { committeeId }], // missing id
			['presence:join', { id: 'x2' }], // missing committeeId
			['presence:join', { ...good, id: 'x3', extra: 1 }], // extra field
			['presence:join', { ...good, id: 'x4', userId: t.userId('admin') }], // extra field, impersonation
			[
				'presence:join',
				JSON.parse(`{"id":"x5","committeeId":"${committeeId}","__proto__":{"admin":true}}`)
			],
			['presence:join', { id: 5, committeeId }], // wrong types
			['presence:join', { id: 'x6', committeeId: 5 }],
			['presence:join', { id: 'x7', committeeId: [committeeId] }],
			['presence:join', { id: 'x8', committeeId: { $ne: null } }],
			['presence:join', { id: '', committeeId }], // empty id
			['presence:join', { id: 'x'.repeat(65), committeeId }], // too long
			['presence:join', { id: 'x9', committeeId: 'c'.repeat(65) }],
			['presence:join', null],
			['presence:join', 'presence'],
			['presence:join', 42],
			['presence:join', []],
			['presence:join', [good]],
			['presence:update', { id: 'x10', committeeId, status: 'busy' }],
			['presence:update', { id: 'x11', committeeId }],
			['presence:leave', { id: 'x12', committeeId, status: 'online' }]
		];
		for (const [event, payload] of cases) {
			const r = await a.emit(event, payload);
			expect(r.ok, `${event} ${JSON.stringify(payload)}`).toBe(false);
			expectError(r, 'bad_request');
		}
		// None of them joined: an update still needs a join.
		expectError(
			await a.emit('presence:update', { id: nextId(), committeeId, status: 'away' }),
			'forbidden'
		);
		// The connection is fine and a good event works.
		expect((await a.emit('presence:join', { id: nextId(), committeeId })).ok).toBe(true);
	});

	it('an event sent without an acknowledgement does nothing', async () => {
		const a = await connect('member5');
		a.s.emit('presence:join', { id: nextId(), committeeId });
		// Handled in order: by the time this is answered, the join above was handled (and ignored).
		expectError(
			await a.emit('presence:update', { id: nextId(), committeeId, status: 'away' }),
			'forbidden'
		);
	});

	it('unknown events with an acknowledgement → bad_request', async () => {
		const a = await connect('member6');
		const events = [
			'presence:kick',
			'vote:cast',
			'admin:everything',
			'x'.repeat(200),
			'toString',
			'constructor',
			'hasOwnProperty',
			'__proto__',
			'valueOf'
		];
		const answers = await Promise.all(
			events.map((event) =>
				a.s
					.timeout(1500)
					.emitWithAck(event, { id: nextId(), committeeId })
					.then((r: Result<unknown>) => (r.ok ? 'ok' : r.error.code))
					.catch(() => 'no answer')
			)
		);
		expect(Object.fromEntries(events.map((e, i) => [e.slice(0, 20), answers[i]]))).toEqual(
			Object.fromEntries(events.map((e) => [e.slice(0, 20), 'bad_request']))
		);
		expectError(await a.emit('no-payload'), 'bad_request');
	});

	it('an event with extra arguments before the acknowledgement → bad_request', async () => {
		const a = await connect('member7');
		const answer = (...args: unknown[]) =>
			a.s
				.timeout(1500)
				.emitWithAck('presence:join', ...args)
				.then((r: Result<unknown>) => (r.ok ? 'ok' : r.error.code))
				.catch(() => 'no answer');
		expect(await answer({ id: nextId(), committeeId }, 'extra')).toBe('bad_request');
		expect(await answer({ id: nextId(), committeeId }, { id: nextId(), committeeId })).toBe(
			'bad_request'
		);
		expect(await answer()).toBe('bad_request');
	});
});

describe('retries', () => {
	it('the same event id sent twice gets the same ack and is applied once', async () => {
		const a = await connect('liaison3');
		const b = await connect('liaison4');
		expect((await a.emit('presence:join', { id: nextId(), committeeId })).ok).toBe(true);
		expect((await b.emit('presence:join', { id: nextId(), committeeId })).ok).toBe(true);
		const me = t.userId('liaison3');
		const statusSeenByB = () => b.changed.at(-1)?.online.find((p) => p.userId === me)?.status;

		const away = { id: nextId(), committeeId, status: 'away' };
		const first = await a.emit('presence:update', away);
		expect(first.ok).toBe(true);
		await waitFor(() => statusSeenByB() === 'away');
		const online = { id: nextId(), committeeId, status: 'online' };
		expect((await a.emit('presence:update', online)).ok).toBe(true);
		await waitFor(() => statusSeenByB() === 'online');
		const broadcasts = b.changed.length;

		// A retry of the first event (a lost ack): same answer, not applied again.
		const retry = await a.emit('presence:update', away);
		expect(retry).toEqual(first);
		// Barrier: a fresh event from b; its broadcast reaches b after any from the retry.
		expect(
			(await b.emit('presence:update', { id: nextId(), committeeId, status: 'online' })).ok
		).toBe(true);
		await waitFor(() => b.changed.length > broadcasts);
		expect(b.changed.length).toBe(broadcasts + 1);
		expect(statusSeenByB()).toBe('online');

		// The same id from another person is theirs, not a retry.
		const bSame = await b.emit('presence:update', { ...away });
		expect(bSame.ok).toBe(true);
		expect(bSame).not.toEqual(first);
	});

	it('a join retried on a new connection after a drop (its ack was lost) takes effect there', async () => {
		const watcher = await connect('chair');
		expect((await watcher.emit('presence:join', { id: nextId(), committeeId })).ok).toBe(true);
		const me = t.userId('liaison8');
		const listed = () => watcher.changed.at(-1)?.online.some((p) => p.userId === me);

		const join = { id: nextId(), committeeId };
		const first = await connect('liaison8');
		expect((await first.emit('presence:join', join)).ok).toBe(true);
		await waitFor(() => listed() === true);
		first.s.disconnect(); // the network drops before the client saw the ack
		await waitFor(() => listed() === false);

		const again = await connect('liaison8');
		const retried = await again.emit('presence:join', join);
		expect(retried.ok).toBe(true);
		await waitFor(() => listed() === true);
		expect(
			(await again.emit('presence:update', { id: nextId(), committeeId, status: 'away' })).ok
		).toBe(true);
	});
});

describe('abuse', () => {
	it('a flood of 200 events is throttled while another client’s events still succeed promptly', async () => {
		const flooder = await connect('member8');
		const other = await connect('liaison5');
		expect((await flooder.emit('presence:join', { id: nextId(), committeeId })).ok).toBe(true);
		expect((await other.emit('presence:join', { id: nextId(), committeeId })).ok).toBe(true);

		const flood = Array.from({ length: 200 }, (_, i) =>
			flooder.emit('presence:update', {
				id: nextId(),
				committeeId,
				status: i % 2 ? 'online' : 'away'
			})
		);
		const latencies: number[] = [];
		const otherResults: Result<unknown>[] = [];
		for (let i = 0; i < 10; i++) {
			const at = performance.now();
			otherResults.push(
				await other.emit('presence:update', { id: nextId(), committeeId, status: 'online' })
			);
			latencies.push(performance.now() - at);
		}
		const results = await Promise.all(flood);
		const limited = results.filter((r) => !r.ok && r.error.code === 'rate_limited');
		const ok = results.filter((r) => r.ok);
		expect(limited.length).toBeGreaterThan(100);
		// The bucket holds 40; the join above took one, so a burst of at least ~39 goes through.
		expect(ok.length).toBeGreaterThanOrEqual(30);
		expect(ok.length + limited.length).toBe(200);
		for (const r of limited) expectError(r, 'rate_limited');
		expect(otherResults.every((r) => r.ok)).toBe(true);
		expect(Math.max(...latencies)).toBeLessThan(1000);
		// The flooder is throttled, not banned: a little later its events go through again.
		await new Promise((r) => setTimeout(r, 200));
		expect(
			(await flooder.emit('presence:update', { id: nextId(), committeeId, status: 'online' })).ok
		).toBe(true);
	});

	it('a person flooding from 20 connections gets no more through than their one budget allows', async () => {
		const tabs = await Promise.all(Array.from({ length: 20 }, () => connect('member7')));
		const other = await connect('liaison4');
		expect((await other.emit('presence:join', { id: nextId(), committeeId })).ok).toBe(true);
		const started = performance.now();
		const joins = await Promise.all(
			tabs.map((c) => c.emit('presence:join', { id: nextId(), committeeId }))
		);
		const flood = await Promise.all(
			Array.from({ length: 2000 }, (_, i) =>
				tabs[i % tabs.length]!.emit('presence:update', {
					id: nextId(),
					committeeId,
					status: i % 2 ? 'online' : 'away'
				})
			)
		);
		const seconds = (performance.now() - started) / 1000;
		const accepted = [...joins, ...flood].filter((r) => r.ok).length;
		for (const r of [...joins, ...flood].filter((r) => !r.ok)) expectError(r, 'rate_limited');
		// The person's bucket: its capacity at once, then its rate for as long as the flood lasted
		// (per connection, twenty connections would have let ~800 through).
		expect(accepted).toBeLessThanOrEqual(
			PERSON_BUDGET.capacity + PERSON_BUDGET.perSecond * seconds
		);
		expect(accepted).toBeGreaterThanOrEqual(20);
		// Someone else is not held back by it.
		expect(
			(await other.emit('presence:update', { id: nextId(), committeeId, status: 'away' })).ok
		).toBe(true);
		for (const c of tabs) c.s.disconnect();
	});

	it('a flood of unknown or malformed events is throttled too', async () => {
		const flooder = await connect('recorder');
		const unknown = await Promise.all(
			Array.from({ length: 200 }, () => flooder.emit('no:such-event', { id: nextId() }))
		);
		expect(unknown.filter((r) => !r.ok && r.error.code === 'rate_limited').length).toBeGreaterThan(
			100
		);
		// Another connection (this one has drawn most of the refusals it may: see the next test).
		const again = await connect('recorder');
		const bad = await Promise.all(
			Array.from({ length: 200 }, () => again.emit('presence:join', { bad: true }))
		);
		expect(bad.filter((r) => !r.ok && r.error.code === 'rate_limited').length).toBeGreaterThan(100);
	});

	it('a connection that goes on flooding after 200 refusals is closed', async () => {
		const flooder = await connect('recorder');
		const answers = await Promise.all(
			Array.from({ length: 400 }, () =>
				flooder.emit('no:such-event', { id: nextId() }).catch((e: Error) => e)
			)
		);
		await waitFor(() => flooder.disconnectReason !== null);
		expect(answers.filter((a) => a instanceof Error).length).toBeGreaterThan(0);
	});

	it('an event larger than 64 KiB closes the connection; the server stays up', async () => {
		const a = await connect('supervisor');
		const b = await connect('liaison6');
		expect((await b.emit('presence:join', { id: nextId(), committeeId })).ok).toBe(true);

		// Just under the limit: a normal bad_request, the connection stays.
		expectError(
			await a.emit('presence:join', { id: nextId(), committeeId: 'x'.repeat(60 * 1024) }),
			'bad_request'
		);
		expect(a.s.connected).toBe(true);

		// Over it: the server closes the connection (the ack never comes).
		const big = a
			.emit('presence:join', { id: nextId(), committeeId: 'x'.repeat(70 * 1024) })
			.catch((e: Error) => e);
		await waitFor(() => a.disconnectReason !== null);
		expect(a.disconnectReason).toMatch(/transport (close|error)/);
		expect(await big).toBeInstanceOf(Error);

		// Others are unaffected and new connections work.
		expect(b.s.connected).toBe(true);
		expect(
			(await b.emit('presence:update', { id: nextId(), committeeId, status: 'away' })).ok
		).toBe(true);
		const c = await connect('supervisor');
		expect((await c.emit('presence:join', { id: nextId(), committeeId })).ok).toBe(true);
	});
});

describe('committee rooms', () => {
	it('leaving presence keeps the committee’s public updates coming', async () => {
		const a = await connect('liaison7');
		const orgChanged: unknown[] = [];
		a.s.on('org:changed', (p: unknown) => orgChanged.push(p));
		expect((await a.emit('presence:join', { id: nextId(), committeeId })).ok).toBe(true);
		expect((await a.emit('presence:leave', { id: nextId(), committeeId })).ok).toBe(true);
		const unit = t.db.select().from(units).where(eq(units.committeeId, committeeId)).get()!;
		getHub().emit(`committee:${committeeId}`, 'org:changed', {
			committeeId,
			entity: 'unit',
			id: unit.id
		});
		await waitFor(() => orgChanged.length === 1);
	});
});
