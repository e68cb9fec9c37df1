/**
 * The hall benchmark's server child: Yiting's real realtime server (server/app.ts: socket.io on
 * engine.io, the Yjs endpoint, the upgrade router with its Origin and session checks) in its own
 * process, started by bench/hall.ts under `taskset` on its own core with `--expose-gc`.
 *
 * It seeds the demo committee into $DATA_DIR, then adds the benchmark's people to that database
 * only (never to the demo seed): BENCH_HALL_RESIDENTS residents of 滨河社区 (the community the
 * demo public meeting admits), BENCH_HALL_EDITORS recorders and BENCH_HALL_MEMBERS voting
 * members of the units the meeting invites (bench/votes.ts), each with a session made by
 * createSession/generateToken. It fills the public meeting's agenda to 8 items (a usual
 * meeting's length), the chair starts the meeting (startMeeting: live at item 1, minutes seeded
 * from the agenda), and it reports the port, the meeting and the session cookies over IPC.
 *
 * Pages are not served: the request handler is a stub whose only routes are this benchmark's
 * debug endpoints, `/__bench/mem` (process memory after two full GCs), `/__bench/cpu`, and
 * `/__bench/emits`: how long each broadcast the services asked for took (the hub registered by
 * the app is wrapped here to time them), cleared on every read.
 */
import fs from 'node:fs';
import type { ServerResponse } from 'node:http';
import { Session } from 'node:inspector';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { and, eq } from 'drizzle-orm';
import { openDb } from '../src/lib/server/db';
import { communities, meetings, meetingUnits, users } from '../src/lib/server/db/schema';
import { seedDemo } from '../src/lib/server/seed';
import {
	createSession,
	generateToken,
	loadActor,
	SESSION_COOKIE
} from '../src/lib/server/auth/session';
import { readStoredDoc } from '../src/lib/server/docs/store';
import { getHub, setHub } from '../src/lib/server/platform/hub';
import { addItem, readAgenda } from '../src/lib/shared/agenda';
import { createAppServer } from '../server/app';
import { debugEndpoint, type ServerReady } from './hall-shared';
import { makeBenchPeople } from './people';
import { startMeeting } from '../src/lib/server/hall/session';
import { agendaDoc } from '../src/lib/shared/doc-names';

const RESIDENTS = Number(process.env.BENCH_HALL_RESIDENTS || 500);
const EDITORS = Number(process.env.BENCH_HALL_EDITORS || 10);
/** Voting members (the votes part): spread over the units the meeting invites, one vote each. */
const MEMBERS = Number(process.env.BENCH_HALL_MEMBERS || 0);
const AGENDA_ITEMS = 8;

const t0 = performance.now();
const dataDir = process.env.DATA_DIR;
if (!dataDir || !process.send)
	throw new Error('hall-server.ts is started by bench/hall.ts (DATA_DIR and an IPC channel)');

const db = openDb(path.join(dataDir, 'yiting.db'));
const app = createAppServer({
	db,
	logger: pino({ level: 'silent' }),
	origins: [],
	handler: (req, res) => {
		if (req.url?.startsWith('/__bench/profile/')) return void profileEndpoint(req.url, res);
		const body = req.url === '/__bench/emits' ? takeEmits() : debugEndpoint(req.url);
		res.statusCode = body ? 200 : 404;
		if (body) res.setHeader('content-type', 'application/json');
		res.end(body ?? '');
	}
});
// Seed through the running app (as tests/helpers/app.ts does), so documents go to this database.
await seedDemo(db);

// Time each broadcast the services ask for (socket.io serialises once, then writes to every
// socket in the room), by wrapping the hub the app registered; read at /__bench/emits.
const emits = new Map<string, number[]>();
const hub = getHub();
setHub({
	...hub,
	emit(room, event, ...args) {
		const t = process.hrtime.bigint();
		hub.emit(room, event, ...args);
		const list = emits.get(event) ?? emits.set(event, []).get(event)!;
		if (list.length < 100_000) list.push(Number(process.hrtime.bigint() - t) / 1e6);
	}
});
/** The broadcast times since the last call, by event name, in ms. */
function takeEmits(): string {
	const out = JSON.stringify(Object.fromEntries(emits));
	emits.clear();
	return out;
}

// A CPU profile of a chosen stretch (BENCH_HALL_PROFILE: the directory it is written to):
// `/__bench/profile/start`, then `/__bench/profile/stop?<name>` writes <name>.cpuprofile.
const inspector = new Session();
inspector.connect();
function profileEndpoint(url: string, res: ServerResponse) {
	const dir = process.env.BENCH_HALL_PROFILE;
	const done = (err: Error | null) => {
		res.statusCode = err ? 500 : 200;
		res.end(err ? err.message : 'ok');
	};
	if (!dir) return done(new Error('BENCH_HALL_PROFILE is not set'));
	if (url === '/__bench/profile/start')
		return inspector.post('Profiler.enable', () => inspector.post('Profiler.start', done));
	const name = url.split('?')[1] || 'hall';
	inspector.post('Profiler.stop', (err, r) => {
		if (!err) fs.writeFileSync(path.join(dir, `${name}.cpuprofile`), JSON.stringify(r.profile));
		done(err);
	});
}

const meeting = db.select().from(meetings).where(eq(meetings.visibility, 'public')).get();
if (!meeting) throw new Error('the demo public meeting is missing');
// The benchmark's residents raise hands: this meeting lets residents ask to speak.
db.update(meetings).set({ residentsMaySpeak: true }).where(eq(meetings.id, meeting.id)).run();
const binhe = db
	.select()
	.from(communities)
	.where(and(eq(communities.committeeId, meeting.committeeId), eq(communities.name, '滨河社区')))
	.get()!;
const chairId = db.select({ id: users.id }).from(users).where(eq(users.login, 'chair')).get()!.id;
const passwordHash = db
	.select({ h: users.passwordHash })
	.from(users)
	.where(eq(users.login, 'resident1'))
	.get()!.h;

// Members are invited through the units the meeting lists (the demo meeting invites three).
const invitedUnits = db
	.select({ id: meetingUnits.unitId })
	.from(meetingUnits)
	.where(eq(meetingUnits.meetingId, meeting.id))
	.all()
	.map((r) => r.id);
if (MEMBERS && !invitedUnits.length) throw new Error('the demo public meeting invites no unit');

/** Make the benchmark's people: users, a role each, a session each (one transaction). */
function people(
	prefix: string,
	n: number,
	role: 'resident' | 'recorder' | 'member',
	name: (i: number) => string
): string[] {
	return makeBenchPeople(db, n, {
		prefix,
		role,
		name,
		committeeId: meeting!.committeeId,
		passwordHash,
		communityId: () => (role === 'resident' ? binhe.id : null),
		unitId: (i) => (role === 'member' ? invitedUnits[i % invitedUnits.length]! : null)
	});
}

const surnames = '张王李赵刘陈杨黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕';
const residents = people(
	'bench-resident',
	RESIDENTS,
	'resident',
	(i) =>
		`${surnames[i % surnames.length]}${['建国', '秀英', '桂兰', '志强', '丽娟', '海燕', '德明'][i % 7]}${Math.floor(i / surnames.length) || ''}`
);
const editors = people('bench-recorder', EDITORS, 'recorder', (i) => `记录员${i + 1}`);
const members = people('bench-member', MEMBERS, 'member', (i) => `代表${i + 1}`);
const chair = (() => {
	const token = generateToken();
	createSession(db, token, chairId);
	return `${SESSION_COOKIE}=${token}`;
})();

// The demo public meeting has 2 agenda items; a usual meeting has about 8.
const topics = [
	'河道巡查志愿队招募',
	'公园夜间照明改造',
	'健身器材维护',
	'宠物文明饲养公约',
	'垃圾分类督导值守',
	'下季度议事会议题征集'
];
let have = readAgenda(readStoredDoc(db, agendaDoc(meeting.id))).length;
for (const title of topics) {
	if (have >= AGENDA_ITEMS) break;
	getHub().changeDoc(
		agendaDoc(meeting.id),
		(doc) => void addItem(doc, { title, description: '', presenter: '王秘书', minutes: 10 })
	);
	have++;
}
startMeeting(db, loadActor(db, chairId), meeting.id);

await new Promise<void>((resolve) =>
	app.server.listen(Number(process.env.BENCH_PORT || 0), '127.0.0.1', resolve)
);
const { port } = app.server.address() as AddressInfo;
const ready: ServerReady = {
	type: 'ready',
	port,
	meetingId: meeting.id,
	chair,
	residents,
	editors,
	members,
	agendaItems: have,
	setupMs: performance.now() - t0
};
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
