/**
 * A reconnect storm: 300 distinct people in a live hall lose their connections at the same
 * moment (as in a network blip) and come back by socket.io-client's own reconnection, entering
 * the hall again on `connect`, while the chair moves the agenda. Everyone is back with the
 * current state, the hall counts each person once, and the attendance record has every
 * person's stretch ended at the drop and a new one open.
 *
 * The event-loop delay over the storm is reported, not asserted: server and clients share this
 * process (and the machine other work), so it is an indication, not the server's own figure
 * (`npm run bench -- storms` measures that).
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { io as ioClient, type Socket } from 'socket.io-client';
import { newId } from '../../src/lib/server/db/ids';
import { roleAssignments, users } from '../../src/lib/server/db/schema';
import { createSession, generateToken, SESSION_COOKIE } from '../../src/lib/server/auth/session';
import { halls } from '../../src/lib/server/hall/registry';
import { attendanceRecord } from '../../src/lib/server/hall/attendance';
import { waitFor } from '../helpers/yjs-client';
import type { HallSnapshot } from '../../src/lib/shared/hall';
import type { Result } from '../../src/lib/shared/result';
import {
	t,
	actorOf,
	binhe,
	committeeId,
	connect,
	join,
	nextId,
	publicId,
	useHallApp,
	value
} from '../helpers/hall';

useHallApp();

const PEOPLE = 300;

/** Residents of 滨河社区 (the public meeting admits them), each with a session cookie. */
function residents(n: number): { userId: string; cookie: string }[] {
	const passwordHash = t.db.select().from(users).where(eq(users.login, 'resident1')).get()!
		.passwordHash;
	const now = new Date();
	return t.db.transaction((tx) =>
		Array.from({ length: n }, (_, i) => {
			const userId = newId();
			tx.insert(users)
				.values({
					id: userId,
					login: `storm${i}`,
					displayName: `居民${i}`,
					passwordHash,
					createdAt: now
				})
				.run();
			tx.insert(roleAssignments)
				.values({
					id: newId(),
					userId,
					committeeId,
					role: 'resident',
					communityId: binhe,
					createdAt: now
				})
				.run();
			const token = generateToken();
			createSession(tx as unknown as typeof t.db, token, userId);
			return { userId, cookie: `${SESSION_COOKIE}=${token}` };
		})
	);
}

/** Rows of the meeting with a stretch of presence still open. */
const openStretches = () =>
	(
		t.db.$client
			.prepare(
				'select count(*) as n from meeting_attendance where meeting_id = ? and present_since is not null'
			)
			.get(publicId) as { n: number }
	).n;

interface Person {
	userId: string;
	s: Socket;
	/** The state version of each entry's snapshot, in order. */
	entries: number[];
}

function person(userId: string, cookie: string): Person {
	const s = ioClient(t.url, {
		transports: ['websocket'],
		extraHeaders: { cookie, origin: t.origin },
		forceNew: true,
		// A browser's behaviour, quicker: back within a second or so.
		reconnectionDelay: 200,
		reconnectionDelayMax: 1000,
		// A busy machine (the whole suite on two cores) may take its time to answer; not a failure.
		timeout: 60_000
	});
	const p: Person = { userId, s, entries: [] };
	s.on('connect', () => {
		void (
			s
				.timeout(15_000)
				.emitWithAck('hall:join', { id: nextId('j'), meetingId: publicId }) as Promise<
				Result<HallSnapshot>
			>
		).then((r) => p.entries.push(value(r).state.version));
	});
	return p;
}

describe('a reconnect storm', () => {
	it(
		`${PEOPLE} people dropping at once are all back, with the current state, each counted once`,
		{ timeout: 180_000 },
		async () => {
			const chair = await connect('chair');
			await join(chair, publicId);
			// They arrive in waves (only the drop is the storm under test).
			const crowd: Person[] = [];
			const everyone = residents(PEOPLE);
			for (let i = 0; i < everyone.length; i += 50) {
				const wave = everyone.slice(i, i + 50).map((r) => person(r.userId, r.cookie));
				crowd.push(...wave);
				await waitFor(() => wave.every((p) => p.entries.length === 1), 30_000);
			}
			const hall = halls().get(publicId)!;
			expect(hall.people.size).toBe(PEOPLE + 1);

			const loop = monitorEventLoopDelay({ resolution: 10 });
			loop.enable();
			const presenceBefore = chair.presence.length;
			const dropped = Date.now();
			for (const p of crowd) p.s.io.engine.close();
			// The floor moves while they are away: coming back, they must see it.
			const moved = value(
				await chair.emit<{ version: number }>('hall:agenda', {
					id: nextId(),
					meetingId: publicId,
					to: 'next'
				})
			).version;
			await waitFor(() => crowd.every((p) => p.entries.length === 2), 60_000);
			const backMs = Date.now() - dropped;
			loop.disable();

			// Everyone is back with the state as it is now.
			for (const p of crowd) expect(p.entries[1]).toBeGreaterThanOrEqual(moved);
			// Each counted once, on the connection they came back on.
			expect(hall.people.size).toBe(PEOPLE + 1);
			for (const p of crowd) expect([...hall.people.get(p.userId)!.connections]).toEqual([p.s.id]);
			const snap = await join(chair, publicId); // also a barrier: every presence message is in
			expect(snap.participants).toHaveLength(PEOPLE + 1);
			expect(snap.attendance.inHall).toBe(PEOPLE + 1);
			expect(chair.presence.at(-1)!.attendance.inHall).toBe(PEOPLE + 1);
			// 600 arrivals and departures went out as far fewer presence messages.
			expect(chair.presence.length - presenceBefore).toBeLessThan(PEOPLE);

			// The record: one row each, the stretch before the drop ended, a new one open.
			const rows = new Map(
				attendanceRecord(t.db, actorOf('chair'), publicId).map((r) => [r.userId, r])
			);
			expect(openStretches()).toBe(PEOPLE + 1);
			for (const p of crowd) {
				const r = rows.get(p.userId)!;
				expect(r.inHall).toBe(true);
				expect(r.presentMs).toBeGreaterThan(0);
			}

			const ms = (ns: number) => (ns / 1e6).toFixed(1);
			console.info(
				`reconnect storm: ${PEOPLE} back in ${backMs} ms; event-loop delay (server and clients in one process) p50 ${ms(loop.percentile(50))} ms, p99 ${ms(loop.percentile(99))} ms, max ${ms(loop.max)} ms`
			);
			for (const p of crowd) p.s.disconnect();
			await waitFor(() => hall.people.size === 1, 20_000);
			// Departures are written together soon after: the record catches up without a reader.
			await waitFor(() => openStretches() === 1, 5000);
		}
	);
});
