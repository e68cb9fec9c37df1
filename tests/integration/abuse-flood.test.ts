/**
 * Abuse (issue 11): one participant floods the hall with events (hand up, hand down, as fast as
 * its socket takes them, from its own process) while 20 others follow the meeting. The flooder is
 * refused with rate_limited, closed when it goes on regardless (it connects again and goes on:
 * one connection at a time), and the others' fan-out latency — from one of them raising or
 * lowering a hand to each of the 20 receiving the new floor state — stays in its normal range:
 * p95 during the flood under 3× the quiet p95 + 20 ms (YITING_LONG=1; `npm test` holds 10× + 100 ms,
 * see below). Quiet and flooded blocks alternate, so
 * that both see the same background load on a shared machine.
 *
 * Build first: `npx vite build`.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import type Database from 'better-sqlite3';
import type { Socket } from 'socket.io-client';
import { startServerProcess, type ServerProcess } from '../helpers/process';
import {
	addMembers,
	connectSocket,
	emit,
	livePublicMeeting,
	openServerDb,
	sessionCookie,
	userIdOf
} from '../helpers/votes';
import { sleep } from '../helpers/crash';
import type { HallState } from '../../src/lib/shared/hall';

const LISTENERS = 20;
const BLOCKS = 6; // quiet, flood, quiet, …
const MOVES_PER_BLOCK = 15;

let server: ServerProcess | undefined;
let db: Database.Database | undefined;
let flooder: ChildProcess | undefined;
const sockets: Socket[] = [];
afterAll(async () => {
	flooder?.kill('SIGKILL');
	for (const s of sockets) s.close();
	db?.close();
	await server?.stop('SIGKILL');
});

interface Listener {
	s: Socket;
	/** When each floor-state version arrived, in the order they did. */
	seen: Map<number, number>;
	raised: boolean;
}

const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)]!;

/** Start the flooder process; resolves once it is in the hall. */
function startFlooder(url: string, cookie: string, meetingId: string) {
	// At the lowest CPU priority: on a real network the abuser's own CPU is not the server's, and
	// here it would otherwise take its share from the server and the clients being timed.
	const args = ['--import', 'tsx', 'tests/helpers/flooder.ts', url, cookie, meetingId];
	const nice = fs.existsSync('/usr/bin/nice');
	const child = spawn(
		nice ? '/usr/bin/nice' : process.execPath,
		nice ? ['-n', '19', process.execPath, ...args] : args,
		{ stdio: ['pipe', 'pipe', 'inherit'] }
	);
	const lines = readline.createInterface({ input: child.stdout! });
	const next = () =>
		new Promise<string>((resolve, reject) => {
			lines.once('line', resolve);
			child.once('exit', (code) => reject(new Error(`flooder exited ${code}`)));
		});
	return { child, next, say: (cmd: string) => child.stdin!.write(`${cmd}\n`) };
}

/** One hand raised or lowered by each listener in turn; the latency to each of the 20, in ms. */
async function moves(listeners: Listener[], meetingId: string, n: number): Promise<number[]> {
	const samples: number[] = [];
	for (let i = 0; i < n; i++) {
		const who = listeners[i % listeners.length]!;
		who.raised = !who.raised;
		const sent = performance.now();
		const r = await emit<{ version: number }>(who.s, 'hall:hand', { meetingId, raise: who.raised });
		if (!r.ok) throw new Error(`a listener's hand was refused: ${JSON.stringify(r.error)}`);
		const v = r.value.version;
		const deadline = Date.now() + 5000;
		// A later state stands for this one: the hall may send only the newest of several changes.
		const arrived = (l: Listener) => {
			for (const [version, at] of l.seen) if (version >= v) return at;
			return null;
		};
		while (!listeners.every((l) => arrived(l) !== null)) {
			if (Date.now() > deadline) throw new Error(`state ${v} did not reach every listener`);
			await sleep(1);
		}
		for (const l of listeners) samples.push(arrived(l)! - sent);
		await sleep(40);
	}
	return samples;
}

describe('a flooding participant', () => {
	it(
		'is rate-limited, and the others keep their fan-out latency',
		{ timeout: 90_000 },
		async () => {
			// On tmpfs: the measure is the server's fairness under a flood, not the disk's.
			const base = fs.existsSync('/dev/shm') ? '/dev/shm' : undefined;
			server = await startServerProcess({
				dataDir: base && fs.mkdtempSync(path.join(base, 'yiting-flood-')),
				env: { LOG_LEVEL: 'warn' }
			});
			db = openServerDb(server);
			const url = server.url;
			const meetingId = await livePublicMeeting(url, {
				cookie: sessionCookie(db, userIdOf(db, 'chair'))
			});
			// Representatives of the units the meeting invited: they may follow it.
			const invited = (
				db.prepare('select unit_id u from meeting_unit where meeting_id = ?').all(meetingId) as {
					u: string;
				}[]
			).map((r) => r.u);
			const ids = addMembers(db, LISTENERS + 1, 'flood');
			ids.forEach((id, i) =>
				db!
					.prepare('update role_assignment set unit_id = ? where user_id = ?')
					.run(invited[i % invited.length], id)
			);
			const people = ids.map((id) => sessionCookie(db!, id));
			const listeners: Listener[] = await Promise.all(
				people.slice(0, LISTENERS).map(async (cookie) => {
					const s = await connectSocket(url, cookie);
					sockets.push(s);
					const l: Listener = { s, seen: new Map(), raised: false };
					s.on('hall:state', (st: HallState) => {
						if (st.meetingId === meetingId && !l.seen.has(st.version))
							l.seen.set(st.version, performance.now());
					});
					const joined = await emit(s, 'hall:join', { meetingId });
					if (!joined.ok) throw new Error(`join refused: ${JSON.stringify(joined.error)}`);
					return l;
				})
			);
			const f = startFlooder(url, people[LISTENERS]!, meetingId);
			flooder = f.child;
			expect(await f.next()).toBe('ready');
			await moves(listeners, meetingId, 5); // warm up

			const quiet: number[] = [];
			const flooded: number[] = [];
			let floodMs = 0;
			for (let b = 0; b < BLOCKS; b++) {
				if (b % 2 === 0) {
					quiet.push(...(await moves(listeners, meetingId, MOVES_PER_BLOCK)));
					continue;
				}
				const t0 = Date.now();
				f.say('on');
				await sleep(300); // the flood under way before the first move
				flooded.push(...(await moves(listeners, meetingId, MOVES_PER_BLOCK)));
				f.say('off');
				floodMs += Date.now() - t0;
				await sleep(300); // its last answers in
			}
			f.say('quit');
			const answers = JSON.parse(await f.next()) as Record<string, number>;
			const [q, fl] = [p95(quiet), p95(flooded)];
			console.info(
				`fan-out to ${LISTENERS}: quiet p95 ${q.toFixed(1)} ms, flooded p95 ${fl.toFixed(1)} ms (${(fl / q).toFixed(2)}×); flooder over ${floodMs} ms: ${JSON.stringify(answers)}`
			);
			// The flooder was refused, then closed for going on; on each connection it got no more
			// through than a bucket holds (40 at once, then 20 a second).
			const connections = 1 + (answers.disconnected ?? 0);
			expect(answers.rate_limited ?? 0).toBeGreaterThan(answers.ok ?? 0);
			expect(answers.disconnected ?? 0).toBeGreaterThan(0);
			expect(answers.ok ?? 0).toBeLessThanOrEqual(40 * connections + (20 * floodMs) / 1000 + 20);
			expect(answers.internal ?? 0).toBe(0);
			// The aim, 3× the quiet p95 + 20 ms, is asserted in the long variant (YITING_LONG=1), run on
			// a quiet machine. In `npm test` on a shared 2-core machine the flooder's own process takes
			// CPU from the server and the listeners alike, so the short variant holds a wider line that
			// still fails the way the server failed before connections that keep flooding were closed
			// (quiet 33 ms, flooded 586 ms).
			if (process.env.YITING_LONG) expect(fl).toBeLessThan(3 * q + 20);
			else expect(fl).toBeLessThan(10 * q + 100);
		}
	);
});
