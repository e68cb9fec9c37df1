/**
 * The minutes benchmark's server child: Yiting's real realtime server (server/app.ts, the Yjs
 * endpoint behind the upgrade router's Origin, session and permission checks) in its own
 * process, started by bench/minutes.ts with `--expose-gc`.
 *
 * It seeds the demo committee into $DATA_DIR, starts the demo public meeting (live, minutes
 * seeded from the agenda), makes BENCH_MINUTES_EDITORS recorders with a session each, and
 * reports the port, the minutes document and the cookies over IPC. BENCH_COMMIT_BATCH sets the
 * Yjs server's `commitBatch` (1: every update its own commit, as before group commit).
 *
 * Pages are not served: the only routes are this benchmark's debug endpoints, `/__bench/mem`,
 * `/__bench/cpu` and `/__bench/commits` (commits and updates the group commit stored so far).
 */
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { eq } from 'drizzle-orm';
import { openDb } from '../src/lib/server/db';
import { meetings, users } from '../src/lib/server/db/schema';
import { seedDemo } from '../src/lib/server/seed';
import { loadActor } from '../src/lib/server/auth/session';
import { startMeeting } from '../src/lib/server/hall/session';
import { minutesDoc } from '../src/lib/shared/doc-names';
import { createAppServer } from '../server/app';
import { debugEndpoint } from './hall-shared';
import { makeBenchPeople } from './people';

export interface MinutesServerReady {
	type: 'ready';
	port: number;
	docName: string;
	/** Cookie header values of the recorders (`yt_session=…`). */
	editors: string[];
}

const EDITORS = Number(process.env.BENCH_MINUTES_EDITORS || 50);
const COMMIT_BATCH = Number(process.env.BENCH_COMMIT_BATCH || 256);
const dataDir = process.env.DATA_DIR;
if (!dataDir || !process.send)
	throw new Error('minutes-server.ts is started by bench/minutes.ts (DATA_DIR and IPC)');

const db = openDb(path.join(dataDir, 'yiting.db'));
const app = createAppServer({
	db,
	logger: pino({ level: 'silent' }),
	origins: [],
	yjs: { commitBatch: COMMIT_BATCH },
	handler: (req, res) => {
		const { commits, updates } = app.realtime.yjs.commits;
		const body =
			req.url === '/__bench/commits'
				? JSON.stringify({ commits, updates })
				: debugEndpoint(req.url);
		res.statusCode = body ? 200 : 404;
		if (body) res.setHeader('content-type', 'application/json');
		res.end(body ?? '');
	}
});
await seedDemo(db);

const meeting = db.select().from(meetings).where(eq(meetings.visibility, 'public')).get();
if (!meeting) throw new Error('the demo public meeting is missing');
const chairId = db.select({ id: users.id }).from(users).where(eq(users.login, 'chair')).get()!.id;
const passwordHash = db
	.select({ h: users.passwordHash })
	.from(users)
	.where(eq(users.login, 'recorder'))
	.get()!.h;

/** The benchmark's recorders, each with a role in the committee and a session (one transaction). */
const recorders = (n: number) =>
	makeBenchPeople(db, n, {
		prefix: 'bench-minutes',
		role: 'recorder',
		name: (i) => `记录员${i + 1}`,
		committeeId: meeting!.committeeId,
		passwordHash
	});

const editors = recorders(EDITORS);
startMeeting(db, loadActor(db, chairId), meeting.id);

await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', resolve));
const { port } = app.server.address() as AddressInfo;
const ready: MinutesServerReady = { type: 'ready', port, docName: minutesDoc(meeting.id), editors };
process.send(ready);

let stopping = false;
async function stop() {
	if (stopping) return;
	stopping = true;
	const force = setTimeout(() => process.exit(0), 5000);
	force.unref();
	try {
		await app.close();
	} finally {
		db.$client.close();
		process.exit(0);
	}
}
process.on('message', (m: { type?: string }) => {
	if (m?.type === 'stop') void stop();
});
process.on('disconnect', () => void stop());
