/**
 * An acknowledged hall action survives a crash: the real server (the built app) is killed with
 * SIGKILL in the middle of a burst of raised hands and questions; after a restart on the
 * same data directory, every action the clients had an ack for is there, the floor state is the
 * one last acknowledged (same version), and nothing unacknowledged appears twice.
 *
 * Build first: `npm run build` (or set BUILD_DIR to another build).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { io as ioClient, type Socket } from 'socket.io-client';
import { signInCookie, startServerProcess, type ServerProcess } from '../helpers/process';
import type { HallSnapshot } from '../../src/lib/shared/hall';
import type { Result } from '../../src/lib/shared/result';

const running: ServerProcess[] = [];
afterAll(async () => {
	for (const s of running) await s.stop('SIGKILL');
});

async function start(dataDir?: string) {
	const s = await startServerProcess({ dataDir, env: { LOG_LEVEL: 'warn' } });
	running.push(s);
	return s;
}

function connect(url: string, cookie: string): Promise<Socket> {
	const s = ioClient(url, {
		transports: ['websocket'],
		extraHeaders: { cookie, origin: url },
		reconnection: false,
		forceNew: true
	});
	return new Promise((resolve, reject) => {
		s.once('connect', () => resolve(s));
		s.once('connect_error', reject);
	});
}

const emit = <T>(s: Socket, event: string, payload: Record<string, unknown>) =>
	s.timeout(2000).emitWithAck(event, payload) as Promise<Result<T>>;

describe('the hall after kill -9', () => {
	it(
		'every acknowledged hand and question is there after a restart, once',
		{ timeout: 60_000 },
		async () => {
			const s1 = await start();
			const chairCookie = await signInCookie(s1.url, 'chair');
			const meetings = (await (
				await fetch(`${s1.url}/api/v1/meetings`, { headers: { cookie: chairCookie } })
			).json()) as { items: { id: string; visibility: string; status: string; title: string }[] };
			// The demo's public meeting still to come (another one, with resolutions, is closed).
			const meeting = meetings.items.find(
				(m) => m.visibility === 'public' && m.status === 'scheduled'
			)!;
			const started = await fetch(`${s1.url}/api/v1/meetings/${meeting.id}/start`, {
				method: 'POST',
				headers: { cookie: chairCookie, origin: s1.url }
			});
			expect(started.status).toBe(200);

			const logins = [
				'resident3',
				'resident6',
				'resident9',
				'resident12',
				'resident15',
				'resident18'
			];
			const people = await Promise.all(
				logins.map(async (l) => connect(s1.url, await signInCookie(s1.url, l)))
			);
			const chair = await connect(s1.url, chairCookie);
			const entered = new Set<string>();
			for (const p of [chair, ...people]) {
				const r = await emit<HallSnapshot>(p, 'hall:join', {
					id: `j-${p.id}`,
					meetingId: meeting.id
				});
				expect(r.ok).toBe(true);
				if (r.ok) for (const x of r.value.participants) entered.add(x.userId);
			}

			// A burst from everyone; the server dies somewhere in the middle of it.
			const acked = { hands: new Set<number>(), questions: new Set<string>(), lastVersion: 0 };
			const sent: Promise<void>[] = [];
			people.forEach((p, i) => {
				sent.push(
					emit<{ version: number }>(p, 'hall:hand', {
						id: `h-${i}`,
						meetingId: meeting.id,
						raise: true
					})
						.then((r) => {
							if (r.ok) {
								acked.hands.add(i);
								acked.lastVersion = Math.max(acked.lastVersion, r.value.version);
							}
						})
						.catch(() => undefined)
				);
				for (let k = 0; k < 5; k++) {
					const id = `q-${i}-${k}`;
					sent.push(
						emit(p, 'hall:ask', { id, meetingId: meeting.id, itemId: null, body: `第 ${k} 个问题` })
							.then((r) => void (r.ok && acked.questions.add(id)))
							.catch(() => undefined)
					);
				}
			});
			// Kill once a few acks are in (so there is something to keep), while the rest are in flight.
			const killWhen = setInterval(() => {
				if (acked.hands.size + acked.questions.size >= 3) {
					clearInterval(killWhen);
					s1.child.kill('SIGKILL');
				}
			}, 1);
			await Promise.all(sent);
			clearInterval(killWhen);
			await s1.stop('SIGKILL');
			for (const p of [chair, ...people]) p.close();

			// Restart on the same data: what was acknowledged is there, and only once.
			const s2 = await start(s1.dataDir);
			const cookie2 = await signInCookie(s2.url, 'chair');
			const hall = (await (
				await fetch(`${s2.url}/api/v1/meetings/${meeting.id}/hall`, {
					headers: { cookie: cookie2 }
				})
			).json()) as HallSnapshot;
			expect(hall.state.status).toBe('live');
			const queued = hall.state.queue.map((q) => q.userId);
			expect(new Set(queued).size).toBe(queued.length);
			expect(queued.length).toBeGreaterThanOrEqual(acked.hands.size);
			expect(hall.state.version).toBeGreaterThanOrEqual(acked.lastVersion);
			const questionIds = hall.questions.map((q) => q.id);
			for (const id of acked.questions) expect(questionIds).toContain(id);
			expect(new Set(questionIds).size).toBe(questionIds.length);
			// Something was acknowledged before the kill (else this test proves nothing).
			expect(acked.hands.size + acked.questions.size).toBeGreaterThan(0);
			// Every acknowledged entry to the hall is in the attendance record (entries are written
			// in groups and acknowledged once the group is on disk).
			const record = (await (
				await fetch(`${s2.url}/api/v1/meetings/${meeting.id}/attendance`, {
					headers: { cookie: cookie2 }
				})
			).json()) as { items: { userId: string; firstSeenAt: string }[] };
			const recorded = new Set(record.items.map((r) => r.userId));
			expect(entered.size).toBe(logins.length + 1);
			for (const userId of entered) expect(recorded).toContain(userId);
		}
	);
});
