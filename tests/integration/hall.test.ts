/**
 * The live hall over real socket.io connections (promises 14, 15 and 20): every hall event ×
 * every role, floor semantics, retried actions and reconnections, attendance and quorum, access
 * to the minutes over the Yjs endpoint, inert script payloads, and malformed input.
 *
 * Meetings are started and prepared through the services (there is no socket event to start a
 * meeting); everything a participant does goes over socket.io as a browser would send it.
 *
 * Negative checks use barriers, not waits: the server writes to one socket in order, so once an
 * observer has the acknowledgement of an event it sent after a broadcast was made, it has that
 * broadcast too. "Changes nothing" is checked against a fingerprint of every hall table row of
 * the meeting, the stored and in-memory floor state, who is in the hall, and the audit log.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import WebSocket from 'ws';
import { io as ioClient, type Socket } from 'socket.io-client';
import * as Y from 'yjs';
import { startApp, type TestApp } from '../helpers/app';
import { RawPeer } from '../helpers/raw-yjs-peer';
import { waitFor } from '../helpers/yjs-client';
import JSZip from 'jszip';
import { attendance, committees, communities, docUpdates, meetings, minutes as minutesTable, questions, reactions, roleAssignments, comments as commentsTable } from '../../src/lib/server/db/schema';
import { loadActor } from '../../src/lib/server/auth/session';
import { AppError } from '../../src/lib/server/errors';
import { halls } from '../../src/lib/server/hall/registry';
import { getHub } from '../../src/lib/server/platform/hub';
import { readStoredDoc } from '../../src/lib/server/docs/store';
import { minutesFragment } from '../../src/lib/server/minutes/render';
import { createMeeting, getMeeting, updateMeeting } from '../../src/lib/server/meetings/meetings';
import { docxFile, markdownFile } from '../../src/lib/server/minutes/export';
import { askQuestion, postComment } from '../../src/lib/server/hall/talk';
import { approveMinutes, compareVersion, finaliseMinutes, getMinutes, listVersions, reopenMinutes, restoreVersion, saveVersion } from '../../src/lib/server/minutes/minutes';
import { listNotifications } from '../../src/lib/server/notifications/notifications';
import { addItem, readAgenda } from '../../src/lib/shared/agenda';
import { YJS_CLOSE } from '../../src/lib/shared/events';
import { recordedQuorum, type AttendanceSummary, type CommentView, type HallSnapshot, type HallState, type Participant, type QuestionView } from '../../src/lib/shared/hall';
import type { Result } from '../../src/lib/shared/result';
import { agendaDoc, minutesDoc } from '../../src/lib/shared/doc-names';
import { attendanceRecord, checkIn } from '../../src/lib/server/hall/attendance';
import { BROADCAST_WINDOW_MS } from '../../src/lib/server/hall/outbox';
import { closeMeeting, startMeeting } from '../../src/lib/server/hall/session';
import { floor, raiseHand } from '../../src/lib/server/hall/floor';
import { openHall, refusalReason } from '../../src/lib/server/hall/open';
import { speechLog } from '../../src/lib/server/hall/snapshot';

// --- clients ------------------------------------------------------------------------------------

type PresenceMsg = { meetingId: string; joined: Participant[]; left: string[]; attendance: AttendanceSummary };

interface Client {
	s: Socket;
	login: string;
	userId: string;
	/** The server's id of this connection (kept after it closes). */
	sid: string;
	states: HallState[];
	presence: PresenceMsg[];
	questions: QuestionView[];
	comments: CommentView[];
	emit<T = unknown>(event: string, ...args: unknown[]): Promise<Result<T>>;
}

let t: TestApp;
let committeeId: string;
const clients: Client[] = [];
let seq = 0;
const nextId = (p = 'ev') => `${p}${++seq}x${Math.random().toString(36).slice(2, 8)}`;

async function connect(login: string): Promise<Client> {
	const s = ioClient(t.url, {
		transports: ['websocket'],
		extraHeaders: { cookie: t.cookie(login), origin: t.origin },
		reconnection: false,
		forceNew: true
	});
	const c: Client = {
		s,
		login,
		userId: t.userId(login),
		sid: '',
		states: [],
		presence: [],
		questions: [],
		comments: [],
		emit: (event, ...args) => s.timeout(3000).emitWithAck(event, ...args)
	};
	s.on('hall:state', (p: HallState) => c.states.push(p));
	s.on('hall:presence', (p: PresenceMsg) => c.presence.push(p));
	s.on('hall:question', (p: QuestionView) => c.questions.push(p));
	s.on('hall:comment', (p: CommentView) => c.comments.push(p));
	await new Promise<void>((resolve, reject) => {
		s.once('connect', () => resolve());
		s.once('connect_error', reject);
	});
	c.sid = s.id!;
	clients.push(c);
	return c;
}

/** Close a connection and wait until the server has taken it out of every hall. */
async function hangUp(c: Client) {
	c.s.disconnect();
	await waitFor(() => ![...halls().values()].some((h) => [...h.people.values()].some((p) => p.connections.has(c.sid))));
}

function value<T>(r: Result<T>): T {
	if (!r.ok) throw new Error(`expected ok, got ${r.error.code}: ${r.error.message}`);
	return r.value;
}

const outcome = (r: Result<unknown>) => (r.ok ? 'ok' : r.error.code);

function expectError(r: Result<unknown>, code: string) {
	expect(outcome(r)).toBe(code);
	if (!r.ok) {
		expect(r.error.message.trim().length).toBeGreaterThan(0);
		expect(r.error.message).not.toMatch(/^err\./);
	}
}

/** Enter a hall and return the snapshot. */
async function join(c: Client, meetingId: string): Promise<HallSnapshot> {
	return value(await c.emit<HallSnapshot>('hall:join', { id: nextId('j'), meetingId }));
}

/**
 * Everything broadcast to `c` before now has arrived once this returns: `c` is already in the
 * hall, so a join is a no-op answered after anything queued for it.
 */
async function barrier(c: Client, meetingId: string): Promise<HallSnapshot> {
	return join(c, meetingId);
}

const lastState = (c: Client) => c.states.at(-1);

/** A service call's outcome, as the socket would answer it. */
function codeOf(fn: () => unknown): string {
	try {
		fn();
		return 'ok';
	} catch (err) {
		if (err instanceof AppError) return err.code;
		throw err;
	}
}

// --- meetings -------------------------------------------------------------------------------------

const actorOf = (login: string) => loadActor(t.db, t.userId(login));
let unitIds: string[] = [];
let binhe = '';
let publicId = '';
let membersId = '';

function itemsOf(meetingId: string) {
	const doc = readStoredDoc(t.db, agendaDoc(meetingId));
	const items = readAgenda(doc);
	doc.destroy();
	return items.map((i) => i.id);
}

/** A new meeting like the demo ones: public for 滨河 residents with units 1–3, or members-only. */
function newMeeting(opts: { visibility: 'public' | 'members'; units: number; quorum?: number; items?: number; live?: boolean; residentsMaySpeak?: boolean }): { id: string; items: string[] } {
	const start = new Date(Date.now() + 86_400_000);
	const m = createMeeting(t.db, actorOf('admin'), committeeId, {
		type: opts.visibility === 'public' ? 'resident_deliberation' : 'thematic',
		title: `测试会议 ${nextId('m')}`,
		startsAt: start,
		endsAt: new Date(start.getTime() + 3_600_000),
		place: '',
		videoUrl: '',
		visibility: opts.visibility,
		quorum: opts.quorum ?? 0,
		status: 'scheduled',
		unitIds: unitIds.slice(0, opts.units),
		userIds: [],
		communityIds: opts.visibility === 'public' ? [binhe] : [],
		residentsMaySpeak: opts.residentsMaySpeak ?? false
	});
	for (let i = 0; i < (opts.items ?? 2); i++) getHub().changeDoc(agendaDoc(m.id), (doc) => void addItem(doc, { title: `议题 ${i + 1}` }));
	if (opts.live ?? true) startMeeting(t.db, actorOf('chair'), m.id);
	return { id: m.id, items: itemsOf(m.id) };
}

/** Every row the hall keeps about a meeting, its floor state (stored and in memory), who is in it, and the audit log. */
function fingerprint(meetingId: string): string {
	const c = t.db.$client;
	const rows = (q: string) => c.prepare(q).all(meetingId);
	const hall = halls().get(meetingId);
	return JSON.stringify({
		memory: hall?.state ?? null,
		people: hall ? [...hall.people.entries()].map(([u, p]) => [u, p.participant.checkedIn, [...p.connections].sort()]) : [],
		state: rows('select version, state from hall_state where meeting_id = ?'),
		attendance: rows('select * from meeting_attendance where meeting_id = ? order by user_id'),
		speeches: rows('select * from meeting_speech where meeting_id = ? order by id'),
		questions: rows('select * from meeting_question where meeting_id = ? order by id'),
		votes: rows('select v.* from meeting_question_vote v join meeting_question q on q.id = v.question_id where q.meeting_id = ? order by 1, 2'),
		reactions: rows('select * from meeting_reaction where meeting_id = ? order by item_id, user_id'),
		comments: rows('select * from meeting_comment where meeting_id = ? order by id'),
		minutes: rows('select meeting_id, status from meeting_minutes where meeting_id = ?'),
		audit: c.prepare('select count(*) as n from audit_log').get()
	});
}

beforeAll(async () => {
	t = await startApp();
	committeeId = t.db.select().from(committees).get()!.id;
	binhe = t.db.select().from(communities).where(eq(communities.name, '滨河社区')).get()!.id;
	// Unit i is member i's.
	unitIds = Array.from({ length: 8 }, (_, i) => t.db.select().from(roleAssignments).where(eq(roleAssignments.userId, t.userId(`member${i + 1}`))).get()!.unitId!);
	publicId = t.db.select().from(meetings).where(eq(meetings.visibility, 'public')).get()!.id;
	membersId = t.db.select().from(meetings).where(eq(meetings.visibility, 'members')).get()!.id;
	// Unit 8 is taken off the members-only meeting, so it has uninvited members and liaisons too.
	const joint = getMeeting(t.db, actorOf('admin'), membersId);
	updateMeeting(t.db, actorOf('admin'), membersId, { unitIds: joint.unitIds.filter((u) => u !== unitIds[7]) });
	startMeeting(t.db, actorOf('chair'), publicId);
	startMeeting(t.db, actorOf('chair'), membersId);
});

afterAll(async () => {
	for (const c of clients) c.s.disconnect();
	await t.close();
});

// --- 1. permissions -------------------------------------------------------------------------------

/** `hall:hand+pointOfOrder` is `hall:hand` with `pointOfOrder: true`. */
const HALL_EVENTS = ['hall:join', 'hall:checkIn', 'hall:hand', 'hall:hand+pointOfOrder', 'hall:ask', 'hall:upvote', 'hall:react', 'hall:comment', 'hall:agenda', 'hall:floor', 'hall:queue', 'hall:question', 'hall:moderate'] as const;
type HallEvent = (typeof HALL_EVENTS)[number];

/**
 * How a person stands towards a meeting: runs it, staff (the recorder), invited (member or
 * liaison of an invited unit), observer (the supervisor: follows everything, acts on nothing),
 * public audience (residents: ask, upvote, react, comment; ask to speak only where the meeting
 * allows it, which the demo meetings do not), or outside it.
 */
type Standing = 'runs' | 'staff' | 'invited' | 'observer' | 'audience' | 'outsider';

const PARTICIPATE: Standing[] = ['runs', 'staff', 'invited', 'audience'];
const COMMITTEE_SIDE: Standing[] = ['runs', 'staff', 'invited'];
const ALLOWED: Record<HallEvent, Standing[]> = {
	'hall:join': [...PARTICIPATE, 'observer'],
	'hall:checkIn': COMMITTEE_SIDE,
	'hall:hand': COMMITTEE_SIDE,
	'hall:hand+pointOfOrder': COMMITTEE_SIDE,
	'hall:ask': PARTICIPATE,
	'hall:upvote': PARTICIPATE,
	'hall:react': PARTICIPATE,
	'hall:comment': PARTICIPATE,
	'hall:agenda': ['runs'],
	'hall:floor': ['runs'],
	'hall:queue': ['runs'],
	'hall:question': ['runs'],
	'hall:moderate': ['runs']
};

interface RoleRow {
	role: string;
	public: [login: string, standing: Standing];
	members: [login: string, standing: Standing];
}

const ROLES: RoleRow[] = [
	{ role: 'admin', public: ['admin', 'runs'], members: ['admin', 'runs'] },
	{ role: 'chair', public: ['chair', 'runs'], members: ['chair', 'runs'] },
	{ role: 'member (invited)', public: ['member1', 'invited'], members: ['member1', 'invited'] },
	{ role: 'member (not invited)', public: ['member4', 'outsider'], members: ['member8', 'outsider'] },
	{ role: 'liaison (invited)', public: ['liaison1', 'invited'], members: ['liaison1', 'invited'] },
	{ role: 'liaison (not invited)', public: ['liaison5', 'outsider'], members: ['liaison8', 'outsider'] },
	{ role: 'recorder', public: ['recorder', 'staff'], members: ['recorder', 'staff'] },
	{ role: 'supervisor', public: ['supervisor', 'observer'], members: ['supervisor', 'observer'] },
	{ role: 'resident of 滨河社区', public: ['resident3', 'audience'], members: ['resident3', 'outsider'] },
	{ role: 'resident of 和平里社区', public: ['resident1', 'outsider'], members: ['resident1', 'outsider'] }
];

/** The floor has someone waiting (member2, invited to both meetings) and nobody speaking. */
function readyQueue(meetingId: string) {
	const chair = actorOf('chair');
	if (halls().get(meetingId)!.state.speaker) floor(t.db, chair, meetingId, 'end');
	raiseHand(t.db, actorOf('member2'), meetingId, true);
}

/** The payload of each event, prepared so that, were it allowed, it would change something. */
function payloadFor(event: HallEvent, meetingId: string): Record<string, unknown> {
	const id = nextId();
	const state = halls().get(meetingId)!.state;
	const items = itemsOf(meetingId);
	const itemId = state.itemId ?? items[0]!;
	const other = items.find((i) => i !== state.itemId)!;
	// Prepared by member2, who is in neither table, so the person tested can upvote it.
	const question = () => askQuestion(t.db, actorOf('member2'), meetingId, { id: nextId('q'), itemId, body: '准备好的问题' }).id;
	const comment = () => postComment(t.db, actorOf('member2'), meetingId, { id: nextId('c'), itemId, body: '准备好的评论' }).id;
	switch (event) {
		case 'hall:join':
		case 'hall:checkIn':
			return { id, meetingId };
		case 'hall:hand':
			return { id, meetingId, raise: true };
		case 'hall:hand+pointOfOrder':
			return { id, meetingId, raise: true, pointOfOrder: true };
		case 'hall:ask':
			return { id, meetingId, itemId, body: '河道什么时候清淤？' };
		case 'hall:upvote':
			return { id, meetingId, questionId: question() };
		case 'hall:react':
			return { id, meetingId, itemId, kind: 'support' };
		case 'hall:comment':
			return { id, meetingId, itemId, body: '支持这个方案' };
		case 'hall:agenda':
			return { id, meetingId, to: { itemId: other } };
		case 'hall:floor':
			readyQueue(meetingId);
			return { id, meetingId, action: 'next' };
		case 'hall:queue':
			readyQueue(meetingId);
			return { id, meetingId, action: 'clear' };
		case 'hall:question':
			return { id, meetingId, questionId: question(), action: 'pick' };
		case 'hall:moderate':
			return { id, meetingId, commentId: comment(), action: 'hide' };
	}
}

describe('1. permissions: every hall event × every role', () => {
	for (const which of ['public', 'members'] as const) {
		describe(`on the live ${which === 'public' ? 'public deliberation (滨河社区, units 1–3)' : 'members-only joint meeting (units 1–7)'}`, () => {
			const opened: Client[] = [];
			// Connections stay open until every role is done: a close handled late would change attendance under another role's check.
			afterAll(async () => {
				for (const c of opened) await hangUp(c);
			});

			it.each(ROLES)('$role', async (row) => {
				const meetingId = which === 'public' ? publicId : membersId;
				const [login, standing] = row[which];
				const c = await connect(login);
				opened.push(c);
				const got: Record<string, string> = {};
				const want: Record<string, string> = {};
				for (const event of HALL_EVENTS) {
					const allowed = ALLOWED[event].includes(standing);
					const payload = payloadFor(event, meetingId);
					const before = fingerprint(meetingId);
					const r = await c.emit(event.split('+')[0]!, payload);
					const changed = fingerprint(meetingId) !== before;
					// Allowed: it worked and it did something. Refused: the right code, and nothing changed.
					got[event] = `${outcome(r)}${changed ? ' (changed)' : ''}`;
					want[event] = allowed ? 'ok (changed)' : event === 'hall:join' ? 'not_found' : 'forbidden';
					if (!r.ok) expectError(r, r.error.code);
				}
				expect(got).toEqual(want);
			});
		});
	}

	it('a member cannot approve (or finalise) minutes; neither can anyone but the chair', () => {
		const m = newMeeting({ visibility: 'public', units: 3, items: 1 });
		expect(codeOf(() => finaliseMinutes(t.db, actorOf('member1'), m.id))).toBe('forbidden');
		expect(codeOf(() => finaliseMinutes(t.db, actorOf('chair'), m.id))).toBe('forbidden');
		expect(codeOf(() => finaliseMinutes(t.db, actorOf('resident3'), m.id))).toBe('not_found');
		expect(codeOf(() => finaliseMinutes(t.db, actorOf('recorder'), m.id))).toBe('ok');
		const before = fingerprint(m.id);
		for (const login of ['member1', 'liaison1', 'recorder', 'supervisor', 'admin']) {
			expect(codeOf(() => approveMinutes(t.db, actorOf(login), m.id)), login).toBe('forbidden');
		}
		for (const login of ['member4', 'resident3', 'resident1']) {
			expect(codeOf(() => approveMinutes(t.db, actorOf(login), m.id)), login).toBe('not_found');
		}
		expect(fingerprint(m.id)).toBe(before);
		expect(getMinutes(t.db, actorOf('chair'), m.id).status).toBe('finalised');
	});

	it('on a meeting that is scheduled but not live (or closed), hall actions are refused as not live', async () => {
		const m = newMeeting({ visibility: 'public', units: 3, items: 2, live: false });
		const cases: [login: string, want: Partial<Record<HallEvent, string>>][] = [
			['chair', { 'hall:join': 'ok', 'hall:question': 'not_found', 'hall:moderate': 'not_found' }],
			['member1', { 'hall:join': 'ok', 'hall:agenda': 'forbidden', 'hall:floor': 'forbidden', 'hall:queue': 'forbidden', 'hall:question': 'forbidden', 'hall:moderate': 'forbidden' }],
			// A resident may never check in, raise a point of order, or (here) ask to speak, live or not: forbidden, not "not live".
			['resident3', { 'hall:join': 'ok', 'hall:checkIn': 'forbidden', 'hall:hand': 'forbidden', 'hall:hand+pointOfOrder': 'forbidden', 'hall:agenda': 'forbidden', 'hall:floor': 'forbidden', 'hall:queue': 'forbidden', 'hall:question': 'forbidden', 'hall:moderate': 'forbidden' }],
			['resident1', Object.fromEntries(HALL_EVENTS.map((e) => [e, e === 'hall:join' ? 'not_found' : 'forbidden']))],
			// The supervisor looks in and never acts.
			['supervisor', Object.fromEntries(HALL_EVENTS.map((e) => [e, e === 'hall:join' ? 'ok' : 'forbidden']))]
		];
		const [item] = m.items;
		const payloads: Record<HallEvent, Record<string, unknown>> = {
			'hall:join': {},
			'hall:checkIn': {},
			'hall:hand': { raise: true },
			'hall:hand+pointOfOrder': { raise: true, pointOfOrder: true },
			'hall:ask': { itemId: item, body: '还没开始吗？' },
			'hall:upvote': { questionId: 'noquestion' },
			'hall:react': { itemId: item, kind: 'oppose' },
			'hall:comment': { itemId: item, body: '早点开始' },
			'hall:agenda': { to: 'next' },
			'hall:floor': { action: 'end' },
			'hall:queue': { action: 'clear' },
			'hall:question': { questionId: 'noquestion', action: 'pick' },
			'hall:moderate': { commentId: 'nocomment', action: 'pin' }
		};
		const run = async (c: Client, meetingId: string) => {
			const got: Record<string, string> = {};
			for (const event of HALL_EVENTS) {
				const before = fingerprint(meetingId);
				const r = await c.emit(event.split('+')[0]!, { id: nextId(), meetingId, ...payloads[event] });
				got[event] = outcome(r);
				// Entering the waiting room records someone in the hall; nothing else changes anything.
				if (event !== 'hall:join' || !r.ok) expect(fingerprint(meetingId), `${c.login} ${event}`).toBe(before);
			}
			return got;
		};
		for (const [login, overrides] of cases) {
			const c = await connect(login);
			const want = Object.fromEntries(HALL_EVENTS.map((e) => [e, overrides[e] ?? 'conflict']));
			expect(await run(c, m.id), login).toEqual(want);
			await hangUp(c);
		}
		expect(t.db.select().from(questions).where(eq(questions.meetingId, m.id)).all()).toEqual([]);

		// Once closed, the same: nobody may act, everyone who could may still look in.
		startMeeting(t.db, actorOf('chair'), m.id);
		closeMeeting(t.db, actorOf('chair'), m.id);
		const member = await connect('member1');
		const got = await run(member, m.id);
		expect(got['hall:join']).toBe('ok');
		for (const e of ['hall:checkIn', 'hall:hand', 'hall:ask', 'hall:upvote', 'hall:react', 'hall:comment'] as const) expect(got[e], e).toBe('conflict');
		const chair = await connect('chair');
		for (const [event, payload] of [
			['hall:agenda', { to: 'previous' }],
			['hall:floor', { action: 'end' }],
			['hall:queue', { action: 'clear' }]
		] as const) {
			expectError(await chair.emit(event, { id: nextId(), meetingId: m.id, ...payload }), 'conflict');
		}
		await hangUp(member);
		await hangUp(chair);
	});
});

// --- 2. floor -------------------------------------------------------------------------------------

describe('2. floor', () => {
	it('one FIFO queue for everyone, points of order first, floor given, speeches logged, extended, reordered, removed, cleared', async () => {
		const m = newMeeting({ visibility: 'public', units: 3, items: 2, residentsMaySpeak: true });
		const mid = m.id;
		const [chair, m1, m2, r3, l1, rec] = await Promise.all(['chair', 'member1', 'member2', 'resident3', 'liaison1', 'recorder'].map(connect));
		const everyone = [chair!, m1!, m2!, r3!, l1!, rec!];
		for (const c of everyone) await join(c, mid);
		const hand = async (c: Client, raise: boolean, pointOfOrder?: boolean) => value(await c.emit<{ version: number }>('hall:hand', { id: nextId(), meetingId: mid, raise, ...(pointOfOrder === undefined ? {} : { pointOfOrder }) }));
		const chairDo = async (event: 'hall:floor' | 'hall:queue' | 'hall:agenda', p: Record<string, unknown>) => value(await chair!.emit<{ version: number }>(event, { id: nextId(), meetingId: mid, ...p }));
		/** After a barrier on every connection, all saw the same latest state, which is the server's. */
		const seenByAll = async (version: number): Promise<HallState> => {
			for (const c of everyone) await barrier(c, mid);
			const server = halls().get(mid)!.state;
			expect(server.version).toBe(version);
			for (const c of everyone) expect(lastState(c), c.login).toEqual(server);
			return server;
		};
		const queue = (s: HallState) => s.queue.map((q) => `${t.db.$client.prepare('select login from user where id = ?').pluck().get(q.userId) as string}${q.pointOfOrder ? '!' : ''}`);

		await hand(m1!, true);
		await hand(r3!, true);
		let v = (await hand(m2!, true)).version;
		expect(queue(await seenByAll(v))).toEqual(['member1', 'resident3', 'member2']);

		// Points of order go to the head, after earlier points of order, and are marked. Never from residents.
		expectError(await r3!.emit('hall:hand', { id: nextId(), meetingId: mid, raise: true, pointOfOrder: true }), 'forbidden');
		await hand(l1!, true, true);
		v = (await hand(rec!, true, true)).version;
		let s = await seenByAll(v);
		expect(queue(s)).toEqual(['liaison1!', 'recorder!', 'member1', 'resident3', 'member2']);
		expect(s.queue.map((q) => q.pointOfOrder)).toEqual([true, true, false, false, false]);

		// Lowering and raising again goes to the back of the line.
		await hand(m1!, false);
		v = (await hand(m1!, true)).version;
		expect(queue(await seenByAll(v))).toEqual(['liaison1!', 'recorder!', 'resident3', 'member2', 'member1']);

		// The chair gives the floor to the next: the first point of order.
		const beforeNext = Date.now();
		v = (await chairDo('hall:floor', { action: 'next' })).version;
		s = await seenByAll(v);
		expect(s.speaker).toMatchObject({ userId: l1!.userId, pointOfOrder: true, itemId: m.items[0], limitSec: 180 });
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
		expect(log[0]).toMatchObject({ userId: l1!.userId, pointOfOrder: true, itemId: m.items[0], startedAt: new Date(started).toISOString() });
		expect(log[0]!.durationMs).toBeGreaterThanOrEqual(30);
		expect(log[0]!.durationMs).toBeLessThanOrEqual(endedBy - started);
		// Ending again, or extending nobody, changes nothing.
		expect((await chairDo('hall:floor', { action: 'end' })).version).toBe(v);
		expectError(await chair!.emit('hall:floor', { id: nextId(), meetingId: mid, action: 'extend', seconds: 30 }), 'conflict');

		// The floor given to someone further down the queue.
		v = (await chairDo('hall:floor', { action: 'give', userId: m2!.userId })).version;
		s = await seenByAll(v);
		expect(s.speaker).toMatchObject({ userId: m2!.userId, pointOfOrder: false });
		expect(queue(s)).toEqual(['recorder!', 'resident3', 'member1']);
		expectError(await chair!.emit('hall:floor', { id: nextId(), meetingId: mid, action: 'give', userId: l1!.userId }), 'conflict');
		expectError(await chair!.emit('hall:floor', { id: nextId(), meetingId: mid, action: 'give' }), 'conflict');

		// The agenda moves on; the next speech belongs to the new item; "next" ends the current speech.
		await chairDo('hall:agenda', { to: 'next' });
		expectError(await chair!.emit('hall:agenda', { id: nextId(), meetingId: mid, to: 'next' }), 'conflict');
		v = (await chairDo('hall:floor', { action: 'next' })).version;
		s = await seenByAll(v);
		expect(s.itemId).toBe(m.items[1]);
		expect(s.itemUsedMs[m.items[0]!]).toBeGreaterThan(0);
		expect(s.speaker).toMatchObject({ userId: rec!.userId, pointOfOrder: true, itemId: m.items[1] });
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
		expectError(await chair!.emit('hall:queue', { id: nextId(), meetingId: mid, action: 'remove', userId: m1!.userId }), 'conflict');
		v = (await chairDo('hall:queue', { action: 'clear' })).version;
		expect(queue(await seenByAll(v))).toEqual([]);
		expect((await chairDo('hall:queue', { action: 'clear' })).version).toBe(v);
		// "Next" with an empty queue is refused (and the speaker keeps the floor).
		expectError(await chair!.emit('hall:floor', { id: nextId(), meetingId: mid, action: 'next' }), 'conflict');
		expect(halls().get(mid)!.state.speaker?.userId).toBe(rec!.userId);

		// Every version was stored with the state, so a restart resumes the same floor.
		const stored = t.db.$client.prepare('select version, state from hall_state where meeting_id = ?').get(mid) as { version: number; state: string };
		expect(stored.version).toBe(halls().get(mid)!.state.version);
		expect(JSON.parse(stored.state)).toEqual(halls().get(mid)!.state);
		for (const c of everyone) await hangUp(c);
	});
});

// --- 3. retries and reconnection ------------------------------------------------------------------

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
		expect(t.db.select().from(questions).where(eq(questions.id, ask.id)).get()!.body).toBe('公园几点关门？');
		await barrier(chair, mid);
		expect(chair.questions.filter((q) => q.id === ask.id)).toHaveLength(1);

		// Hand: raised twice (same id, both connections; then a new id) → one queue entry.
		const hand = { id: nextId(), meetingId: mid, raise: true };
		const h1 = value(await a1.emit<{ version: number }>('hall:hand', hand));
		expect(value(await a2.emit<{ version: number }>('hall:hand', hand))).toEqual(h1);
		expect(value(await a2.emit<{ version: number }>('hall:hand', { ...hand, id: nextId() }))).toEqual(h1);
		expect(halls().get(mid)!.state.queue.filter((q) => q.userId === a1.userId)).toHaveLength(1);
		expect(halls().get(mid)!.state.version).toBe(h1.version);

		// Upvote member1's question: twice with one id, then with another → counted once.
		const theirs = value(await m1.emit<QuestionView>('hall:ask', { id: nextId('q'), meetingId: mid, itemId: item, body: '路灯能修吗？' }));
		const up = { id: nextId(), meetingId: mid, questionId: theirs.id };
		expect(value(await a1.emit<QuestionView>('hall:upvote', up)).upvotes).toBe(1);
		expect(value(await a2.emit<QuestionView>('hall:upvote', up)).upvotes).toBe(1);
		expect(value(await a1.emit<QuestionView>('hall:upvote', { ...up, id: nextId() })).upvotes).toBe(1);
		expect(t.db.$client.prepare('select count(*) from meeting_question_vote where question_id = ?').pluck().get(theirs.id)).toBe(1);
		// One's own question cannot be upvoted.
		expectError(await a1.emit('hall:upvote', { id: nextId(), meetingId: mid, questionId: ask.id }), 'conflict');

		// React twice, comment twice with one id.
		const react = { id: nextId(), meetingId: mid, itemId: item, kind: 'support' };
		await a1.emit('hall:react', react);
		await a2.emit('hall:react', { ...react, id: nextId() });
		expect(value(await a2.emit<{ counts: Record<string, number> }>('hall:react', react)).counts).toEqual({ support: 1, oppose: 0, unclear: 0 });
		const comment = { id: nextId('c'), meetingId: mid, itemId: item, body: '同意' };
		const c1 = await a1.emit('hall:comment', comment);
		expect(await a2.emit('hall:comment', comment)).toEqual(c1);
		expect(t.db.select().from(commentsTable).where(eq(commentsTable.meetingId, mid)).all()).toHaveLength(1);

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
		expect(chair.presence.filter((p) => p.joined.some((j) => j.userId === a1.userId))).toHaveLength(1);

		// One connection closes: still present, nobody is told they left.
		await hangUp(a1);
		const other = await connect('resident6');
		expect((await join(other, mid)).attendance.inHall).toBe(3);
		await barrier(chair, mid);
		expect(chair.presence.some((p) => p.left.includes(a1.userId))).toBe(false);
		expect(chair.presence.at(-1)).toMatchObject({ joined: expect.arrayContaining([expect.objectContaining({ userId: other.userId })]), attendance: { inHall: 3 } });
		expect(attendanceRecord(t.db, actorOf('chair'), mid).find((r) => r.userId === a1.userId)!.inHall).toBe(true);

		// Leave and come back, three times: counted once each time, one attendance row.
		for (let i = 0; i < 3; i++) {
			expect((await a2.emit('hall:leave', { id: nextId(), meetingId: mid })).ok).toBe(true);
			await barrier(chair, mid);
			expect(chair.presence.at(-1)).toMatchObject({ left: expect.arrayContaining([a1.userId]), attendance: { inHall: 2 } });
			expect((await join(a2, mid)).attendance.inHall).toBe(3);
		}
		// Leaving twice is leaving once.
		expect((await a2.emit('hall:leave', { id: nextId(), meetingId: mid })).ok).toBe(true);
		expect((await a2.emit('hall:leave', { id: nextId(), meetingId: mid })).ok).toBe(true);
		await barrier(chair, mid);
		expect(chair.presence.filter((p) => p.left.includes(a1.userId))).toHaveLength(4);
		expect(chair.presence.at(-1)!.attendance.inHall).toBe(2);
		expect((await join(a2, mid)).attendance.inHall).toBe(3);
		const rows = attendanceRecord(t.db, actorOf('chair'), mid).filter((r) => r.userId === a1.userId);
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
		expect(chair.presence.at(-1)).toMatchObject({ left: expect.arrayContaining([a1.userId]), attendance: { inHall: 2 } });
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
		const up = value(await chair.emit<QuestionView>('hall:ask', { id: nextId('q'), meetingId: mid, itemId: m.items[0], body: '大家怎么看？' }));
		expect((await before.emit('hall:upvote', { id: nextId(), meetingId: mid, questionId: up.id })).ok).toBe(true);
		expect((await before.emit('hall:react', { id: nextId(), meetingId: mid, itemId: m.items[0], kind: 'unclear' })).ok).toBe(true);

		// The network drops; the hall goes on without them (the raised hand stays).
		await hangUp(before);
		const versions: number[] = [];
		for (const [event, p] of [
			['hall:floor', { action: 'next' }],
			['hall:floor', { action: 'extend', seconds: 120 }],
			['hall:agenda', { to: 'next' }]
		] as const) {
			versions.push(value(await chair.emit<{ version: number }>(event, { id: nextId(), meetingId: mid, ...p })).version);
		}
		const comment = value(await chair.emit<CommentView>('hall:comment', { id: nextId('c'), meetingId: mid, itemId: m.items[1], body: '下一项' }));

		const after = await connect('resident3');
		// The hand retried (its ack was lost): the same answer, not raised again (they are speaking).
		expect(await after.emit('hall:hand', hand)).toEqual(handAck);
		const snap = await join(after, mid);
		const latest = halls().get(mid)!.state;
		expect(snap.state.version).toBe(versions.at(-1));
		expect(snap.state).toEqual(latest);
		expect((t.db.$client.prepare('select version from hall_state where meeting_id = ?').get(mid) as { version: number }).version).toBe(latest.version);
		expect(snap.state.speaker).toMatchObject({ userId: after.userId, limitSec: 300 });
		expect(snap.state.queue).toEqual([]);
		expect(snap.state.itemId).toBe(m.items[1]);
		expect(snap.questions.map((q) => [q.id, q.upvotes])).toEqual([[up.id, 1]]);
		expect(snap.comments.map((c) => c.id)).toEqual([comment.id]);
		expect(snap.reactions[m.items[0]!]).toEqual({ support: 0, oppose: 0, unclear: 1 });
		expect(snap.mine).toEqual({ upvoted: [up.id], reactions: { [m.items[0]!]: 'unclear' } });
		expect(snap.participants.map((p) => p.userId).sort()).toEqual([chair.userId, after.userId].sort());
		expect(snap.attendance.inHall).toBe(2);
		expect(Math.abs(snap.serverNow - Date.now())).toBeLessThan(1000);
		// And deltas follow from there.
		const v = value(await chair.emit<{ version: number }>('hall:floor', { id: nextId(), meetingId: mid, action: 'end' })).version;
		await barrier(after, mid);
		expect(lastState(after)).toMatchObject({ version: v, speaker: null });
		for (const c of [chair, after]) await hangUp(c);
	});
});

// --- 4. attendance and quorum ---------------------------------------------------------------------

describe('4. attendance and quorum', () => {
	it('check-in counts toward quorum only while in the hall; present time grows while there and stops when they leave', async () => {
		const m = newMeeting({ visibility: 'members', units: 4, quorum: 3, items: 1, live: false });
		const mid = m.id;
		const rec = () => Object.fromEntries(attendanceRecord(t.db, actorOf('chair'), mid).map((r) => [r.userId, r]));
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
		expect((await join(chair, mid)).attendance).toEqual({ inHall: 2, present: 0, quorum: 3, quorumMet: false });
		const checkIn = async (c: Client) => value(await c.emit<{ attendance: AttendanceSummary }>('hall:checkIn', { id: nextId(), meetingId: mid })).attendance;

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
		expect(chair.presence.at(-1)).toMatchObject({ joined: expect.arrayContaining([expect.objectContaining({ userId: m3.userId, checkedIn: true })]), attendance: { present: 3, quorumMet: true } });
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
		expect(chair.presence.at(-1)).toMatchObject({ left: expect.arrayContaining([m3.userId]), attendance: { present: 2, quorumMet: false } });
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
		for (const [userId, r] of Object.entries(rec())) expect(r.presentMs, userId).toBe(closed[userId]!.presentMs);
		for (const c of clients.filter((c) => c.s.connected)) await hangUp(c);
	});
});

// --- 5. minutes over Yjs --------------------------------------------------------------------------

/** Edit the minutes as a raw peer: the edit gets the document's fragment. */
const writeMinutes = (peer: RawPeer, edit: (f: Y.XmlFragment) => void) => peer.write((d) => edit(minutesFragment(d)));
const textOf = (doc: Y.Doc) => minutesFragment(doc).toString();

/** Append a paragraph (as Tiptap stores one) with `text`, optionally marked and with element attributes. */
function appendParagraph(fragment: Y.XmlFragment, text: string, marks?: Record<string, unknown>, attrs?: Record<string, string>, name = 'paragraph') {
	const p = new Y.XmlElement(name);
	fragment.insert(fragment.length, [p]);
	for (const [k, v] of Object.entries(attrs ?? {})) p.setAttribute(k, v);
	const tx = new Y.XmlText();
	p.insert(0, [tx]);
	tx.insert(0, text, marks);
}

describe('5. minutes over the Yjs endpoint', () => {
	let m: { id: string; items: string[] };
	let name: string;
	let url: string;
	const headers = (login: string) => ({ cookie: t.cookie(login), origin: t.origin });
	/** What is stored, in a form compaction does not change: the text (with attributes) and the state vector. */
	const storedState = () => {
		const doc = readStoredDoc(t.db, name);
		const s = `${textOf(doc)}|${Buffer.from(Y.encodeStateVector(doc)).toString('base64')}`;
		doc.destroy();
		return s;
	};
	const storedText = () => {
		const doc = readStoredDoc(t.db, name);
		const s = textOf(doc);
		doc.destroy();
		return s;
	};
	/** The HTTP status the upgrade is answered with (101 when let in). */
	const upgradeStatus = (login: string) =>
		new Promise<number>((resolve) => {
			const ws = new WebSocket(url, { headers: headers(login) });
			ws.once('open', () => {
				ws.close();
				resolve(101);
			});
			ws.once('unexpected-response', (_req, res) => {
				resolve(res.statusCode ?? 0);
				ws.terminate();
			});
			ws.once('error', () => resolve(-1));
		});
	const open = async (login: string) => {
		const p = new RawPeer(url, headers(login));
		await p.opened;
		await p.barrier();
		return p;
	};

	beforeAll(() => {
		m = newMeeting({ visibility: 'public', units: 3, items: 2 });
		name = minutesDoc(m.id);
		url = `${t.wsUrl}/yjs/${name}`;
	});

	it('the recorder and the chair write during the meeting; a member reads only; residents and outsiders cannot open it', async () => {
		const recorder = await open('recorder');
		const chair = await open('chair');
		// Started with one heading per agenda item.
		expect(textOf(recorder.doc)).toContain('议题 1');
		expect(textOf(recorder.doc)).toContain('议题 2');

		writeMinutes(recorder, (f) => appendParagraph(f, 'RECORDER-1 河道清淤由区城管局牵头'));
		await recorder.barrier();
		writeMinutes(chair, (f) => appendParagraph(f, 'CHAIR-1 下次会议听取进展'));
		await chair.barrier();
		expect(storedText()).toContain('RECORDER-1');
		expect(storedText()).toContain('CHAIR-1');
		await waitFor(() => textOf(recorder.doc).includes('CHAIR-1'));

		// An invited member: let in read-only. Its write is dropped, it still receives the writers'.
		const member = await open('member1');
		expect(textOf(member.doc)).toContain('RECORDER-1');
		const stored = storedState();
		writeMinutes(member, (f) => appendParagraph(f, 'MEMBER-EVIL'));
		writeMinutes(member, (f) => f.delete(0, f.length));
		await member.barrier();
		expect(storedState()).toBe(stored);
		expect(storedText()).not.toContain('MEMBER-EVIL');
		expect(storedText()).toContain('RECORDER-1');
		expect(member.closed).toBeNull();
		writeMinutes(recorder, (f) => appendParagraph(f, 'RECORDER-2'));
		await recorder.barrier();
		await waitFor(() => textOf(member.doc).includes('RECORDER-2'));
		expect(textOf(chair.doc)).not.toContain('MEMBER-EVIL');

		// Residents (of the meeting's community or not) and uninvited members cannot open live minutes.
		for (const login of ['resident3', 'resident1', 'member4', 'liaison5']) expect(await upgradeStatus(login), login).toBe(403);
		expect(codeOf(() => getMinutes(t.db, actorOf('resident3'), m.id))).toBe('not_found');
		// The supervisor reads along.
		expect(await upgradeStatus('supervisor')).toBe(101);
		for (const p of [recorder, chair, member]) p.close();
	});

	it('finalised by the recorder and approved by the chair: frozen for everyone, readable by the public audience', async () => {
		const recorder = await open('recorder');
		const member = await open('member1');
		expect(finaliseMinutes(t.db, actorOf('recorder'), m.id).status).toBe('finalised');
		// Writers are sent off to reconnect; readers too, to be let in anew.
		await waitFor(() => recorder.closed !== null && member.closed !== null);
		expect(recorder.closed).toBe(YJS_CLOSE.accessChanged);
		// Finalised: nobody writes, the residents still cannot read.
		const stored = storedState();
		const rec2 = await open('recorder');
		writeMinutes(rec2, (f) => appendParagraph(f, 'AFTER-FINALISE'));
		await rec2.barrier();
		expect(storedState()).toBe(stored);
		expect(await upgradeStatus('resident3')).toBe(403);

		expect(approveMinutes(t.db, actorOf('chair'), m.id).status).toBe('approved');
		await waitFor(() => rec2.closed !== null);
		// The public audience reads approved minutes; other communities still cannot.
		const resident = await open('resident3');
		expect(textOf(resident.doc)).toContain('RECORDER-2');
		expect(getMinutes(t.db, actorOf('resident3'), m.id).html).toContain('RECORDER-2');
		expect(await upgradeStatus('resident1')).toBe(403);
		expect(codeOf(() => getMinutes(t.db, actorOf('resident1'), m.id))).toBe('not_found');

		// Frozen: the recorder's and the chair's writes are dropped, like the resident's.
		const rec3 = await open('recorder');
		const chair = await open('chair');
		writeMinutes(rec3, (f) => appendParagraph(f, 'AFTER-APPROVAL'));
		writeMinutes(chair, (f) => f.delete(0, f.length));
		writeMinutes(resident, (f) => appendParagraph(f, 'RESIDENT-EVIL'));
		await Promise.all([rec3.barrier(), chair.barrier(), resident.barrier()]);
		expect(storedState()).toBe(stored);
		expect(storedText()).not.toMatch(/AFTER-|RESIDENT-EVIL/);
		expect(storedText()).toContain('RECORDER-2');
		expect(getMinutes(t.db, actorOf('chair'), m.id)).toMatchObject({ status: 'approved', canEdit: false, canFinalise: false, canApprove: false });
		for (const p of [rec2, rec3, chair, resident]) p.close();
	});
});

// --- 6. script payloads ---------------------------------------------------------------------------

const XSS = [
	'<script>alert(1)</script>',
	'<img src=x onerror=alert(1)>',
	'"><svg/onload=alert(1)>',
	"'';!--\"<XSS>=&{()}",
	'<a href="javascript:alert(1)">点我</a>',
	'<iframe src="javascript:alert(1)"></iframe>',
	'javascript:alert(document.cookie)',
	'{{constructor.constructor("alert(1)")()}}',
	'<body onload=alert(1)>',
	'&lt;script&gt;alert(1)&lt;/script&gt;'
];

const ALLOWED_TAGS = ['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'blockquote', 'pre', 'code', 'hr', 'br', 'strong', 'em', 's', 'u', 'a'];
const decodeEntities = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&#x27;/g, "'").replace(/&amp;/g, '&');

/** What in rendered HTML could run script: a tag outside the allowlist, an on* attribute, a non-http(s)/mailto URL. */
function unsafeMarkup(html: string): string[] {
	const problems: string[] = [];
	// In escaped output every '<' starts a tag.
	for (const m of html.matchAll(/<([^>]*)>?/g)) {
		const tag = m[1]!;
		const name = /^\/?([a-zA-Z][\w-]*)/.exec(tag)?.[1]?.toLowerCase();
		if (!name || !ALLOWED_TAGS.includes(name)) problems.push(`tag: ${m[0]}`);
		for (const a of tag.replace(/^\/?[\w-]+/, '').matchAll(/([^\s=/"']+)\s*(?:=\s*("[^"]*"|'[^']*'|[^\s>]+))?/g)) {
			const attr = a[1]!.toLowerCase();
			const val = decodeEntities((a[2] ?? '').replace(/^["']|["']$/g, '')).trim();
			if (attr.startsWith('on')) problems.push(`handler: ${m[0]}`);
			if (!['href', 'rel', 'start'].includes(attr)) problems.push(`attribute: ${m[0]}`);
			if (attr === 'href' && !/^(https?|mailto):/i.test(val)) problems.push(`url: ${m[0]}`);
		}
	}
	return problems;
}

describe('6. script payloads are inert', () => {
	it('questions, comments and answers are stored and sent back as the plain text typed', async () => {
		const m = newMeeting({ visibility: 'public', units: 3, items: 1 });
		const mid = m.id;
		const item = m.items[0]!;
		const chair = await connect('chair');
		const resident = await connect('resident3');
		await join(chair, mid);
		await join(resident, mid);
		const asked: QuestionView[] = [];
		const posted: CommentView[] = [];
		for (const body of XSS) {
			const q = value(await resident.emit<QuestionView>('hall:ask', { id: nextId('q'), meetingId: mid, itemId: item, body }));
			expect(q.body).toBe(body);
			asked.push(q);
			const c = value(await resident.emit<CommentView>('hall:comment', { id: nextId('c'), meetingId: mid, itemId: item, body }));
			expect(c.body).toBe(body);
			posted.push(c);
		}
		for (const [i, q] of asked.entries()) {
			const answer = XSS[(i + 1) % XSS.length]!;
			expect(value(await chair.emit<QuestionView>('hall:question', { id: nextId(), meetingId: mid, questionId: q.id, action: 'answer', answer })).answer).toBe(answer);
		}
		// Stored verbatim, broadcast verbatim, and verbatim in the snapshot someone entering gets.
		for (const [i, q] of asked.entries()) expect(t.db.select().from(questions).where(eq(questions.id, q.id)).get()).toMatchObject({ body: XSS[i], answer: XSS[(i + 1) % XSS.length] });
		for (const [i, c] of posted.entries()) expect(t.db.select().from(commentsTable).where(eq(commentsTable.id, c.id)).get()!.body).toBe(XSS[i]);
		await barrier(chair, mid);
		expect(chair.questions.filter((q) => q.status === 'open').map((q) => q.body)).toEqual(XSS);
		expect(chair.questions.filter((q) => q.status === 'answered').map((q) => q.answer)).toEqual(XSS.map((_, i) => XSS[(i + 1) % XSS.length]));
		expect(chair.comments.map((c) => c.body)).toEqual(XSS);
		const other = await connect('resident6');
		const snap = await join(other, mid);
		expect(snap.questions.map((q) => [q.body, q.answer])).toEqual(XSS.map((x, i) => [x, XSS[(i + 1) % XSS.length]]));
		expect(snap.comments.map((c) => c.body)).toEqual(XSS);
		for (const c of [chair, resident, other]) await hangUp(c);
	});

	it('minutes with script text, javascript: links, script and img elements and handler attributes render as inert HTML', async () => {
		const m = newMeeting({ visibility: 'public', units: 3, items: 1 });
		const peer = new RawPeer(`${t.wsUrl}/yjs/${minutesDoc(m.id)}`, { cookie: t.cookie('recorder'), origin: t.origin });
		await peer.opened;
		await peer.barrier();
		const hrefs = ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', ' javascript:alert(1)', 'java\tscript:alert(1)', '&#106;avascript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'vbscript:msgbox(1)', '//evil.example/x', '/relative'];
		writeMinutes(peer, (f) => {
			for (const x of XSS) appendParagraph(f, x);
			for (const href of hrefs) appendParagraph(f, `LINK ${href}`, { link: { href } });
			appendParagraph(f, 'GOOD LINK', { link: { href: 'https://example.org/a?b=1&c="2"' } });
			appendParagraph(f, 'HANDLER-ATTR', undefined, { onclick: 'alert(1)', style: 'background:url(javascript:alert(1))' });
			appendParagraph(f, 'alert("script element")', undefined, {}, 'script');
			appendParagraph(f, 'IMG', undefined, { src: 'x', onerror: 'alert(1)' }, 'img');
			appendParagraph(f, 'IFRAME', undefined, { src: 'javascript:alert(1)' }, 'iframe');
			const h = new Y.XmlElement('heading');
			f.insert(f.length, [h]);
			h.setAttribute('level', '2" onmouseover="alert(1)');
			const tx = new Y.XmlText();
			h.insert(0, [tx]);
			tx.insert(0, '<script>alert("heading")</script>');
		});
		await peer.barrier();
		expect(storedRowsOf(minutesDoc(m.id))).toBeGreaterThan(0);

		const { html } = getMinutes(t.db, actorOf('chair'), m.id);
		expect(unsafeMarkup(html)).toEqual([]);
		expect(html).not.toMatch(/<script|<img|<iframe|<svg/i);
		// No tag carries a script URL anywhere in it (the same words in text are fine: they are escaped).
		expect([...html.matchAll(/<[^>]*>/g)].map((m) => m[0]).filter((tag) => /(javascript|vbscript|data):/i.test(tag))).toEqual([]);
		// The words are all there, as text.
		const text = decodeEntities(html.replace(/<[^>]*>/g, ''));
		for (const x of XSS) expect(text).toContain(x);
		for (const href of hrefs) expect(text).toContain(`LINK ${href}`);
		expect(text).toContain('<script>alert("heading")</script>');
		expect(text).toContain('HANDLER-ATTR');
		// The one good link survives as a link.
		const good = [...html.matchAll(/<a href="([^"]*)"[^>]*>GOOD LINK<\/a>/g)].map((a) => decodeEntities(a[1]!));
		expect(good).toEqual(['https://example.org/a?b=1&c="2"']);

		// Approved minutes are rendered the same way.
		finaliseMinutes(t.db, actorOf('recorder'), m.id);
		const approved = approveMinutes(t.db, actorOf('chair'), m.id);
		expect(unsafeMarkup(approved.html)).toEqual([]);
		expect(getMinutes(t.db, actorOf('resident3'), m.id).html).toBe(approved.html);
		peer.close();
	});
});

function storedRowsOf(doc: string) {
	return t.db.select({ seq: docUpdates.seq }).from(docUpdates).where(eq(docUpdates.docName, doc)).all().length;
}

// --- 7. bad input ---------------------------------------------------------------------------------

describe('7. malformed events', () => {
	it('are answered bad_request and change nothing', async () => {
		const m = newMeeting({ visibility: 'public', units: 3, items: 2 });
		const mid = m.id;
		const item = m.items[0]!;
		const chair = await connect('chair');
		const resident = await connect('resident3');
		await join(chair, mid);
		await join(resident, mid);
		// Something to act on.
		const q = value(await resident.emit<QuestionView>('hall:ask', { id: nextId('q'), meetingId: mid, itemId: item, body: '有问题' }));
		const c = value(await resident.emit<CommentView>('hall:comment', { id: nextId('c'), meetingId: mid, itemId: item, body: '有意见' }));
		await resident.emit('hall:hand', { id: nextId(), meetingId: mid, raise: true });
		const base = { meetingId: mid };
		const cases: [who: Client, event: string, payload: unknown][] = [
			[resident, 'hall:ask', { ...base, itemId: item, body: 'no id' }],
			[resident, 'hall:ask', { id: 7, ...base, itemId: item, body: 'numeric id' }],
			[resident, 'hall:ask', { id: '', ...base, itemId: item, body: 'empty id' }],
			[resident, 'hall:ask', { id: 'x'.repeat(65), ...base, itemId: item, body: 'long id' }],
			[resident, 'hall:ask', { id: nextId(), itemId: item, body: 'no meeting' }],
			[resident, 'hall:ask', { id: nextId(), meetingId: [mid], itemId: item, body: 'meeting as array' }],
			[resident, 'hall:ask', { id: nextId(), ...base, itemId: item, body: 'x'.repeat(501) }],
			[resident, 'hall:ask', { id: nextId(), ...base, itemId: item, body: '   ' }],
			[resident, 'hall:ask', { id: nextId(), ...base, itemId: item, body: 42 }],
			[resident, 'hall:ask', { id: nextId(), ...base, itemId: 42, body: 'item as number' }],
			[resident, 'hall:ask', { id: nextId(), ...base, body: 'no item' }],
			[resident, 'hall:ask', { id: nextId(), ...base, itemId: item, body: 'extra', authorId: chair.userId }],
			[resident, 'hall:ask', { id: nextId(), ...base, itemId: item, body: 'extra', status: 'answered' }],
			[resident, 'hall:ask', null],
			[resident, 'hall:ask', 'hall:ask'],
			[resident, 'hall:ask', [{ id: nextId(), ...base, itemId: item, body: 'in an array' }]],
			[resident, 'hall:join', { id: nextId(), meetingId: 'm'.repeat(65) }],
			[resident, 'hall:checkIn', { id: nextId() }],
			[resident, 'hall:hand', { id: nextId(), ...base, raise: 'yes' }],
			[resident, 'hall:hand', { id: nextId(), ...base, raise: false, pointOfOrder: 'true' }],
			[resident, 'hall:hand', { id: nextId(), ...base }],
			[resident, 'hall:upvote', { id: nextId(), ...base, questionId: { $ne: null } }],
			[resident, 'hall:react', { id: nextId(), ...base, itemId: item, kind: 'love' }],
			[resident, 'hall:react', { id: nextId(), ...base, itemId: item }],
			[resident, 'hall:comment', { id: nextId(), ...base, itemId: item, body: 'x'.repeat(1001) }],
			[resident, 'hall:comment', { id: nextId(), ...base, itemId: null, body: 'no item' }],
			[chair, 'hall:agenda', { id: nextId(), ...base, to: 'last' }],
			[chair, 'hall:agenda', { id: nextId(), ...base, to: { itemId: 5 } }],
			[chair, 'hall:agenda', { id: nextId(), ...base, to: { itemId: m.items[1], extra: 1 } }],
			[chair, 'hall:floor', { id: nextId(), ...base, action: 'kick' }],
			[chair, 'hall:floor', { id: nextId(), ...base, action: 'extend', seconds: 5 }],
			[chair, 'hall:floor', { id: nextId(), ...base, action: 'extend', seconds: 99_999 }],
			[chair, 'hall:floor', { id: nextId(), ...base, action: 'extend', seconds: 30.5 }],
			[chair, 'hall:floor', { id: nextId(), ...base, action: 'give', userId: 123 }],
			[chair, 'hall:queue', { id: nextId(), ...base, action: 'shuffle' }],
			[chair, 'hall:queue', { id: nextId(), ...base, action: 'move', userId: resident.userId, toIndex: -1 }],
			[chair, 'hall:queue', { id: nextId(), ...base, action: 'move', userId: resident.userId, toIndex: '0' }],
			[chair, 'hall:question', { id: nextId(), ...base, questionId: q.id, action: 'delete' }],
			[chair, 'hall:question', { id: nextId(), ...base, questionId: q.id, action: 'answer', answer: 'x'.repeat(1001) }],
			[chair, 'hall:question', { id: nextId(), ...base, questionId: q.id, action: 'answer' }],
			[chair, 'hall:question', { id: nextId(), ...base, questionId: q.id, action: 'answer', answer: '   ' }],
			[chair, 'hall:moderate', { id: nextId(), ...base, commentId: c.id, action: 'delete' }],
			[chair, 'hall:moderate', { id: nextId(), ...base, commentId: c.id, action: 'hide', hidden: false }],
			[chair, 'hall:start', { id: nextId(), ...base }],
			[chair, 'hall:close', { id: nextId(), ...base }],
			[chair, 'hall:kick', { id: nextId(), ...base, userId: resident.userId }]
		];
		// Spread over fresh connections, so the per-connection rate limit never answers instead.
		const before = fingerprint(mid);
		const got: string[] = [];
		const sent = new Map<Client, number>();
		const pool = new Map<Client, Client>();
		for (const [who, event, payload] of cases) {
			if ((sent.get(who) ?? 0) >= 15) {
				const fresh = await connect(who.login);
				pool.set(who, fresh);
				sent.set(who, 0);
			}
			const via = pool.get(who) ?? who;
			sent.set(who, (sent.get(who) ?? 0) + 1);
			const r = await via.emit(event, payload);
			got.push(`${event} ${JSON.stringify(payload).slice(0, 80)} → ${outcome(r)}`);
			if (!r.ok) expectError(r, r.error.code);
		}
		expect(got).toEqual(cases.map(([, event, payload]) => `${event} ${JSON.stringify(payload).slice(0, 80)} → bad_request`));
		expect(fingerprint(mid)).toBe(before);
		await barrier(chair, mid);
		expect(chair.questions).toHaveLength(1);
		expect(chair.comments).toHaveLength(1);

		// The limits themselves are allowed: 500 characters for a question, 1000 for a comment.
		expect(value(await resident.emit<QuestionView>('hall:ask', { id: nextId('q'), meetingId: mid, itemId: item, body: 'x'.repeat(500) })).body).toHaveLength(500);
		expect(value(await resident.emit<CommentView>('hall:comment', { id: nextId('c'), meetingId: mid, itemId: item, body: 'y'.repeat(1000) })).body).toHaveLength(1000);
		for (const c of clients.filter((c) => c.s.connected)) await hangUp(c);
	});
});

describe('8. agenda items, quorum roles, bursts, minutes sections, versions and announcements', () => {
	it('reactions, comments and questions must name an item on the agenda (or, for a question, none)', async () => {
		const m = newMeeting({ visibility: 'public', units: 3, items: 2 });
		const r = await connect('resident3');
		await join(r, m.id);
		expectError(await r.emit('hall:react', { id: nextId(), meetingId: m.id, itemId: 'madeup', kind: 'support' }), 'bad_request');
		expectError(await r.emit('hall:comment', { id: nextId('c'), meetingId: m.id, itemId: 'madeup', body: '不存在的议题' }), 'bad_request');
		expectError(await r.emit('hall:ask', { id: nextId('q'), meetingId: m.id, itemId: 'madeup', body: '不存在的议题？' }), 'bad_request');
		expect(t.db.select().from(reactions).where(eq(reactions.itemId, 'madeup')).all()).toEqual([]);
		// An item added to the agenda during the meeting can be reacted to at once.
		let added = '';
		getHub().changeDoc(agendaDoc(m.id), (doc) => void (added = addItem(doc, { title: '临时动议' })));
		expect(outcome(await r.emit('hall:react', { id: nextId(), meetingId: m.id, itemId: added, kind: 'unclear' }))).toBe('ok');
		expect(outcome(await r.emit('hall:ask', { id: nextId('q'), meetingId: m.id, itemId: null, body: '整体问题' }))).toBe('ok');
		await hangUp(r);
	});

	it('someone who is both secretary and a member counts for quorum once checked in', async () => {
		const m = newMeeting({ visibility: 'members', units: 1, quorum: 1, items: 1 });
		const admin = t.db.select().from(roleAssignments).where(eq(roleAssignments.userId, t.userId('admin'))).get()!;
		t.db.insert(roleAssignments).values({ ...admin, id: nextId('ra'), role: 'member', unitId: unitIds[0]! }).run();
		try {
			const a = await connect('admin');
			await join(a, m.id);
			const r = value(await a.emit<{ attendance: { present: number; quorumMet: boolean } }>('hall:checkIn', { id: nextId(), meetingId: m.id }));
			expect(r.attendance).toMatchObject({ present: 1, quorumMet: true });
			await hangUp(a);
		} finally {
			t.db.delete(roleAssignments).where(and(eq(roleAssignments.userId, t.userId('admin')), eq(roleAssignments.role, 'member'))).run();
		}
	});

	it('a burst of hands goes out as a few state messages, the last one holding every hand', async () => {
		const m = newMeeting({ visibility: 'public', units: 3, items: 1, residentsMaySpeak: true });
		const chair = await connect('chair');
		await join(chair, m.id);
		const residents = ['resident3', 'resident6', 'resident9', 'resident12', 'resident15', 'resident18'];
		const cs = await Promise.all(residents.map((l) => connect(l)));
		for (const c of cs) await join(c, m.id);
		const before = chair.states.length;
		const acks = await Promise.all(cs.map((c) => c.emit<{ version: number }>('hall:hand', { id: nextId(), meetingId: m.id, raise: true })));
		const versions = acks.map((a) => value(a).version);
		await waitFor(() => lastState(chair)?.version === Math.max(...versions));
		const sent = chair.states.slice(before);
		expect(sent.length).toBeLessThan(cs.length);
		expect(lastState(chair)!.queue.map((q) => q.userId).sort()).toEqual(cs.map((c) => c.userId).sort());
		// Versions only go up, so a client can drop anything older than what it has.
		expect(sent.map((x) => x.version)).toEqual([...sent.map((x) => x.version)].sort((a, b) => a - b));
		for (const c of [chair, ...cs]) await hangUp(c);
	});

	it('an item added during the meeting gets its own section in the minutes when the chair moves to it', async () => {
		const m = newMeeting({ visibility: 'members', units: 1, items: 1 });
		let added = '';
		getHub().changeDoc(agendaDoc(m.id), (doc) => void (added = addItem(doc, { title: '临时增加的议题' })));
		const chair = await connect('chair');
		await join(chair, m.id);
		value(await chair.emit('hall:agenda', { id: nextId(), meetingId: m.id, to: { itemId: added } }));
		const doc = readStoredDoc(t.db, minutesDoc(m.id));
		const headings = minutesFragment(doc).toArray().filter((n) => n instanceof Y.XmlElement && n.nodeName === 'heading').map((n) => (n as Y.XmlElement).toString().replace(/<[^>]+>/g, ''));
		doc.destroy();
		expect(headings).toEqual(['议题 1', '临时增加的议题']);
		// Moving back and forth adds nothing more.
		value(await chair.emit('hall:agenda', { id: nextId(), meetingId: m.id, to: 'previous' }));
		value(await chair.emit('hall:agenda', { id: nextId(), meetingId: m.id, to: 'next' }));
		const again = readStoredDoc(t.db, minutesDoc(m.id));
		expect(minutesFragment(again).toArray().filter((n) => n instanceof Y.XmlElement && n.nodeName === 'heading')).toHaveLength(2);
		again.destroy();
		await hangUp(chair);
	});

	it('approved minutes are announced to those the meeting concerned', () => {
		const m = newMeeting({ visibility: 'members', units: 1, items: 1 });
		finaliseMinutes(t.db, actorOf('recorder'), m.id);
		approveMinutes(t.db, actorOf('chair'), m.id);
		const told = listNotifications(t.db, t.userId('member1')).filter((n) => n.kind === 'minutes.approved' && n.link === `/meetings/${m.id}/minutes`);
		expect(told).toHaveLength(1);
		expect(listNotifications(t.db, t.userId('resident3')).some((n) => n.link === `/meetings/${m.id}/minutes`)).toBe(false);
	});

	it('minutes versions: save, compare, restore (saving what was there first); the chair can send finalised minutes back', async () => {
		const m = newMeeting({ visibility: 'members', units: 1, items: 1 });
		const name = minutesDoc(m.id);
		const paragraphs = () => {
			const doc = readStoredDoc(t.db, name);
			const out = minutesFragment(doc).toArray().filter((n) => n instanceof Y.XmlElement && n.nodeName === 'paragraph').map((n) => (n as Y.XmlElement).toString().replace(/<[^>]+>/g, ''));
			doc.destroy();
			return out.filter((x) => x !== '');
		};
		const recorder = actorOf('recorder');
		const write = (text: string) => getHub().changeDoc(name, (doc) => appendParagraph(minutesFragment(doc), text));
		write('初稿：河道分两期治理。');
		const v1 = saveVersion(t.db, recorder, m.id, '初稿');
		write('补充：夜间照明下月完成。');
		// Someone reading along sees the restore happen.
		const reader = new RawPeer(`${t.wsUrl}/yjs/${name}`, { cookie: t.cookie('member1'), origin: t.origin });
		await reader.opened;
		await reader.barrier();
		expect(textOf(reader.doc)).toContain('夜间照明');

		const cmp = compareVersion(t.db, recorder, m.id, v1.id);
		expect(cmp.diff.filter((l) => l.op === 'add').map((l) => l.text).join('\n')).toContain('夜间照明下月完成');
		expect(cmp.diff.filter((l) => l.op === 'del')).toEqual([]);

		expect(codeOf(() => saveVersion(t.db, actorOf('member1'), m.id, '成员的版本'))).toBe('forbidden');
		expect(codeOf(() => restoreVersion(t.db, actorOf('member1'), m.id, v1.id))).toBe('forbidden');
		restoreVersion(t.db, recorder, m.id, v1.id);
		expect(paragraphs()).toEqual(['初稿：河道分两期治理。']);
		await waitFor(() => !textOf(reader.doc).includes('夜间照明'));
		// What was there before the restore is kept as a version of its own.
		const versions = listVersions(t.db, recorder, m.id);
		expect(versions.map((v) => v.name)).toEqual(expect.arrayContaining(['初稿', '恢复前 Before restore']));
		const before = versions.find((v) => v.name.startsWith('恢复前'))!;
		expect(compareVersion(t.db, recorder, m.id, before.id).diff.filter((l) => l.op === 'del').map((l) => l.text).join('\n')).toContain('夜间照明');

		// Finalised, then sent back by the chair: the recorder may write again.
		finaliseMinutes(t.db, recorder, m.id);
		expect(codeOf(() => saveVersion(t.db, recorder, m.id, '定稿后'))).not.toBe('ok');
		expect(codeOf(() => reopenMinutes(t.db, actorOf('member1'), m.id))).toBe('forbidden');
		reopenMinutes(t.db, actorOf('chair'), m.id);
		expect(getMinutes(t.db, recorder, m.id)).toMatchObject({ status: 'draft', canEdit: true, canFinalise: true });
		// Approved: frozen for good.
		finaliseMinutes(t.db, recorder, m.id);
		approveMinutes(t.db, actorOf('chair'), m.id);
		expect(codeOf(() => restoreVersion(t.db, recorder, m.id, v1.id))).toBe('conflict');
		expect(codeOf(() => reopenMinutes(t.db, actorOf('chair'), m.id))).not.toBe('ok');
		reader.close();
	});

	it('halls nobody is in are let go from memory once many have been opened; their state comes back from the database', async () => {
		const m = newMeeting({ visibility: 'members', units: 1, items: 2 });
		const chair = await connect('chair');
		await join(chair, m.id);
		const moved = value(await chair.emit<{ version: number }>('hall:agenda', { id: nextId(), meetingId: m.id, to: 'next' }));
		await hangUp(chair);
		// Let the last broadcasts of the window go out (a hall with one pending is kept).
		await new Promise((r) => setTimeout(r, 2 * BROADCAST_WINDOW_MS));
		// Touch many other meetings' halls (as permission checks do), without anyone entering.
		for (let i = 0; i < 210; i++) openHall(t.db, newMeeting({ visibility: 'members', units: 0, items: 0, live: false }).id);
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
		const openRow = () => attendanceRecord(t.db, actorOf('chair'), m.id).find((r) => r.userId === member.userId)!;
		halls().get(m.id)!.people.clear();
		member.s.disconnect();
		halls().delete(m.id);
		const stoppedAt = Date.now();
		await new Promise((r) => setTimeout(r, 30));
		const reopened = openHall(t.db, m.id);
		expect(reopened.people.size).toBe(0);
		const row = t.db.select().from(attendance).where(and(eq(attendance.meetingId, m.id), eq(attendance.userId, member.userId))).get()!;
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

// --- 9. who may do what, quorum in the record, what residents hear, exports -----------------------

describe('9. speaking, observing, quorum in the record, residents told, exports', () => {
	it('residents ask to speak only in a meeting that allows it, never raise a point of order, and may always lower a hand', async () => {
		const closed = newMeeting({ visibility: 'public', units: 3, items: 1 });
		const open = newMeeting({ visibility: 'public', units: 3, items: 1, residentsMaySpeak: true });
		const r = await connect('resident3');
		for (const id of [closed.id, open.id]) await join(r, id);
		const hand = async (meetingId: string, raise: boolean, pointOfOrder?: boolean) => outcome(await r.emit('hall:hand', { id: nextId(), meetingId, raise, ...(pointOfOrder ? { pointOfOrder } : {}) }));
		expect(await hand(closed.id, true)).toBe('forbidden');
		expect(await hand(closed.id, true, true)).toBe('forbidden');
		expect(await hand(open.id, true, true)).toBe('forbidden');
		expect(await hand(open.id, true)).toBe('ok');
		expect(halls().get(open.id)!.state.queue.map((q) => q.userId)).toEqual([r.userId]);
		expect(await hand(open.id, false)).toBe('ok');
		expect(halls().get(open.id)!.state.queue).toEqual([]);
		await hangUp(r);
	});

	it('an upvote can be taken back, once, and the count and the person’s own list follow', async () => {
		const m = newMeeting({ visibility: 'public', units: 3, items: 1 });
		const q = askQuestion(t.db, actorOf('member2'), m.id, { id: nextId('q'), itemId: null, body: '能不能延长开放时间？' });
		const r = await connect('resident3');
		await join(r, m.id);
		const vote = async (up?: boolean) => value(await r.emit<QuestionView>('hall:upvote', { id: nextId(), meetingId: m.id, questionId: q.id, ...(up === undefined ? {} : { up }) })).upvotes;
		expect(await vote()).toBe(1);
		expect(await vote(true)).toBe(1);
		expect((await join(r, m.id)).mine.upvoted).toEqual([q.id]);
		expect(await vote(false)).toBe(0);
		expect(await vote(false)).toBe(0);
		expect((await join(r, m.id)).mine.upvoted).toEqual([]);
		await barrier(r, m.id);
		expect(r.questions.filter((x) => x.id === q.id).map((x) => x.upvotes)).toEqual([1, 0]);
		await hangUp(r);
	});

	it('the recorder checks in but is not counted: the live header, the closed record and the attendance rows agree', async () => {
		const m = newMeeting({ visibility: 'members', units: 1, quorum: 3, items: 1 });
		const people = await Promise.all(['chair', 'member1', 'recorder'].map(connect));
		for (const c of people) await join(c, m.id);
		let last: AttendanceSummary | undefined;
		for (const c of people) last = value(await c.emit<{ attendance: AttendanceSummary }>('hall:checkIn', { id: nextId(), meetingId: m.id })).attendance;
		expect(last).toMatchObject({ present: 2, quorum: 3, quorumMet: false });
		closeMeeting(t.db, actorOf('chair'), m.id);
		// Once closed the header counts the record, whoever lingers or leaves.
		for (const c of people.slice(1)) await hangUp(c);
		expect((await join(people[0]!, m.id)).attendance).toMatchObject({ present: 2, quorum: 3, quorumMet: false });
		const rows = attendanceRecord(t.db, actorOf('chair'), m.id);
		expect(Object.fromEntries(rows.map((r) => [r.role, r.countsForQuorum]))).toEqual({ chair: true, member: true, recorder: false });
		expect(recordedQuorum(rows, 3)).toEqual({ checkedIn: 3, present: 2, quorum: 3, quorumMet: false });
		await hangUp(people[0]!);
	});

	it('residents of the communities a public meeting is open to hear when it goes live and when its minutes are published', () => {
		const m = newMeeting({ visibility: 'public', units: 1, items: 1 });
		const told = (login: string, kind: string) => listNotifications(t.db, t.userId(login)).filter((n) => n.kind === kind && n.link.startsWith(`/meetings/${m.id}/`)).length;
		expect(told('resident3', 'meeting.live')).toBe(1);
		expect(told('member1', 'meeting.live')).toBe(1);
		expect(told('resident1', 'meeting.live')).toBe(0); // 和平里社区 is not invited
		finaliseMinutes(t.db, actorOf('recorder'), m.id);
		approveMinutes(t.db, actorOf('chair'), m.id);
		expect(told('resident3', 'minutes.approved')).toBe(1);
		expect(told('resident1', 'minutes.approved')).toBe(0);
		// Members-only meetings tell no resident.
		const closedDoors = newMeeting({ visibility: 'members', units: 1, items: 1 });
		expect(listNotifications(t.db, t.userId('resident3')).some((n) => n.link.startsWith(`/meetings/${closedDoors.id}/`))).toBe(false);
	});

	it('residents read approved minutes but not the drafts behind them; the committee’s side compares versions', () => {
		const m = newMeeting({ visibility: 'public', units: 1, items: 1 });
		const v = saveVersion(t.db, actorOf('recorder'), m.id, '初稿');
		finaliseMinutes(t.db, actorOf('recorder'), m.id);
		approveMinutes(t.db, actorOf('chair'), m.id);
		expect(getMinutes(t.db, actorOf('resident3'), m.id)).toMatchObject({ status: 'approved', canSeeVersions: false });
		expect(codeOf(() => listVersions(t.db, actorOf('resident3'), m.id))).toBe('forbidden');
		expect(codeOf(() => compareVersion(t.db, actorOf('resident3'), m.id, v.id))).toBe('forbidden');
		expect(listVersions(t.db, actorOf('member1'), m.id).length).toBeGreaterThan(0);
		expect(codeOf(() => compareVersion(t.db, actorOf('supervisor'), m.id, v.id))).toBe('ok');
	});

	it('a refusal says why where the person may know of the meeting, and is "no such page" elsewhere', () => {
		const pub = newMeeting({ visibility: 'public', units: 1, items: 1 });
		const members = newMeeting({ visibility: 'members', units: 1, items: 1 });
		expect(refusalReason(t.db, actorOf('resident1'), pub.id)).toBe('hall.notInvitedCommunity');
		expect(refusalReason(t.db, actorOf('resident3'), pub.id)).toBe('minutes.notPublished');
		expect(refusalReason(t.db, actorOf('resident3'), members.id)).toBeNull();
		expect(refusalReason(t.db, actorOf('member8'), pub.id)).toBeNull();
		expect(refusalReason(t.db, actorOf('resident3'), 'nosuchmeeting')).toBeNull();
	});

	it('exports date the approval in the committee’s time zone and label it in the reader’s language, with a header block', async () => {
		const m = newMeeting({ visibility: 'members', units: 1, quorum: 3, items: 2 });
		for (const login of ['chair', 'member1', 'recorder']) checkIn(t.db, actorOf(login), m.id);
		finaliseMinutes(t.db, actorOf('recorder'), m.id);
		approveMinutes(t.db, actorOf('chair'), m.id);
		// Approved at 01:04 on 3 December in Beijing: still 2 December in UTC.
		t.db.update(minutesTable).set({ approvedAt: new Date('2026-12-02T17:04:00Z') }).where(eq(minutesTable.meetingId, m.id)).run();
		const zh = markdownFile(t.db, actorOf('member1'), m.id, 'zh-CN').body as string;
		expect(zh).toContain('已审定 2026/12/3 01:04');
		expect(zh).not.toMatch(/Approved|2026-12-02/);
		for (const label of ['时间', '地点', '主持人', '记录人', '出席', '议程']) expect(zh).toContain(`**${label}**`);
		expect(zh).toContain('签到成员 2 / 法定 3');
		expect(zh).toMatch(/1\. 议题 1\n {2}2\. 议题 2/);
		const en = markdownFile(t.db, actorOf('member1'), m.id, 'en').body as string;
		expect(en).toContain('Approved 12/3/2026');
		expect(en).not.toContain('已审定');
		const docx = await docxFile(t.db, actorOf('member1'), m.id, 'zh-CN');
		const zip = await JSZip.loadAsync(docx.body);
		const xml = (await zip.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
		expect(xml).toContain('已审定 2026/12/3 01:04');
		for (const label of ['时间', '地点', '主持人', '记录人', '出席', '议程']) expect(xml).toContain(label);
		expect(xml).toContain('1. 议题 1');
	});
});
