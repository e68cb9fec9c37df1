/**
 * The live hall over real socket.io connections, shared by the hall-*.test.ts files: one app
 * per test file (real migrations, demo data, the two demo meetings live), clients that record
 * what the hall broadcasts to them, meetings made through the services, and a fingerprint of
 * everything the hall keeps about a meeting.
 *
 * Meetings are started and prepared through the services (there is no socket event to start a
 * meeting); everything a participant does goes over socket.io as a browser would send it.
 *
 * Negative checks use barriers, not waits: the server writes to one socket in order, so once an
 * observer has the acknowledgement of an event it sent after a broadcast was made, it has that
 * broadcast too. "Changes nothing" is checked against a fingerprint of every hall table row of
 * the meeting, the stored and in-memory floor state, who is in the hall, and the audit log.
 */
import { afterAll, beforeAll, expect } from 'vitest';
import { eq } from 'drizzle-orm';
import { io as ioClient, type Socket } from 'socket.io-client';
import * as Y from 'yjs';
import { startApp, type TestApp } from './app';
import type { RawPeer } from './raw-yjs-peer';
import { waitFor } from './yjs-client';
import {
	committees,
	communities,
	docUpdates,
	meetings,
	roleAssignments
} from '../../src/lib/server/db/schema';
import { loadActor } from '../../src/lib/server/auth/session';
import { AppError } from '../../src/lib/server/errors';
import { halls } from '../../src/lib/server/hall/registry';
import { getHub } from '../../src/lib/server/platform/hub';
import { readStoredDoc } from '../../src/lib/server/docs/store';
import { minutesFragment } from '../../src/lib/server/minutes/render';
import { createMeeting, getMeeting, updateMeeting } from '../../src/lib/server/meetings/meetings';
import { addItem, readAgenda } from '../../src/lib/shared/agenda';
import type {
	AttendanceSummary,
	CommentView,
	HallSnapshot,
	HallState,
	Participant,
	QuestionView
} from '../../src/lib/shared/hall';
import type { Result } from '../../src/lib/shared/result';
import { agendaDoc } from '../../src/lib/shared/doc-names';
import { startMeeting } from '../../src/lib/server/hall/session';

// --- clients ------------------------------------------------------------------------------------

export type PresenceMsg = {
	meetingId: string;
	joined: Participant[];
	left: string[];
	attendance: AttendanceSummary;
};

export interface Client {
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

export let t: TestApp;
export let committeeId: string;
export const clients: Client[] = [];
let seq = 0;
export const nextId = (p = 'ev') => `${p}${++seq}x${Math.random().toString(36).slice(2, 8)}`;

export async function connect(login: string): Promise<Client> {
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
export async function hangUp(c: Client) {
	c.s.disconnect();
	await waitFor(
		() =>
			![...halls().values()].some((h) =>
				[...h.people.values()].some((p) => p.connections.has(c.sid))
			)
	);
}

export function value<T>(r: Result<T>): T {
	if (!r.ok) throw new Error(`expected ok, got ${r.error.code}: ${r.error.message}`);
	return r.value;
}

export const outcome = (r: Result<unknown>) => (r.ok ? 'ok' : r.error.code);

export function expectError(r: Result<unknown>, code: string) {
	expect(outcome(r)).toBe(code);
	if (!r.ok) {
		expect(r.error.message.trim().length).toBeGreaterThan(0);
		expect(r.error.message).not.toMatch(/^err\./);
	}
}

/** Enter a hall and return the snapshot. */
export async function join(c: Client, meetingId: string): Promise<HallSnapshot> {
	return value(await c.emit<HallSnapshot>('hall:join', { id: nextId('j'), meetingId }));
}

/**
 * Everything broadcast to `c` before now has arrived once this returns: `c` is already in the
 * hall, so a join is a no-op answered after anything queued for it.
 */
export async function barrier(c: Client, meetingId: string): Promise<HallSnapshot> {
	return join(c, meetingId);
}

export const lastState = (c: Client) => c.states.at(-1);

/** A service call's outcome, as the socket would answer it. */
export function codeOf(fn: () => unknown): string {
	try {
		fn();
		return 'ok';
	} catch (err) {
		if (err instanceof AppError) return err.code;
		throw err;
	}
}

// --- meetings -------------------------------------------------------------------------------------

export const actorOf = (login: string) => loadActor(t.db, t.userId(login));
export let unitIds: string[] = [];
export let binhe = '';
export let publicId = '';
export let membersId = '';

export function itemsOf(meetingId: string) {
	const doc = readStoredDoc(t.db, agendaDoc(meetingId));
	const items = readAgenda(doc);
	doc.destroy();
	return items.map((i) => i.id);
}

/** A new meeting like the demo ones: public for 滨河 residents with units 1–3, or members-only. */
export function newMeeting(opts: {
	visibility: 'public' | 'members';
	units: number;
	quorum?: number;
	items?: number;
	live?: boolean;
	residentsMaySpeak?: boolean;
}): { id: string; items: string[] } {
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
	for (let i = 0; i < (opts.items ?? 2); i++)
		getHub().changeDoc(agendaDoc(m.id), (doc) => void addItem(doc, { title: `议题 ${i + 1}` }));
	if (opts.live ?? true) startMeeting(t.db, actorOf('chair'), m.id);
	return { id: m.id, items: itemsOf(m.id) };
}

/** Every row the hall keeps about a meeting, its floor state (stored and in memory), who is in it, and the audit log. */
export function fingerprint(meetingId: string): string {
	const c = t.db.$client;
	const rows = (q: string) => c.prepare(q).all(meetingId);
	const hall = halls().get(meetingId);
	return JSON.stringify({
		memory: hall?.state ?? null,
		people: hall
			? [...hall.people.entries()].map(([u, p]) => [
					u,
					p.participant.checkedIn,
					[...p.connections].sort()
				])
			: [],
		state: rows('select version, state from hall_state where meeting_id = ?'),
		attendance: rows('select * from meeting_attendance where meeting_id = ? order by user_id'),
		speeches: rows('select * from meeting_speech where meeting_id = ? order by id'),
		questions: rows('select * from meeting_question where meeting_id = ? order by id'),
		votes: rows(
			'select v.* from meeting_question_vote v join meeting_question q on q.id = v.question_id where q.meeting_id = ? order by 1, 2'
		),
		reactions: rows(
			'select * from meeting_reaction where meeting_id = ? order by item_id, user_id'
		),
		comments: rows('select * from meeting_comment where meeting_id = ? order by id'),
		minutes: rows('select meeting_id, status from meeting_minutes where meeting_id = ?'),
		audit: c.prepare('select count(*) as n from audit_log').get()
	});
}

/** Start the app for this test file (and close it, with every client, afterwards). */
export function useHallApp(): void {
	beforeAll(async () => {
		t = await startApp();
		committeeId = t.db.select().from(committees).get()!.id;
		binhe = t.db.select().from(communities).where(eq(communities.name, '滨河社区')).get()!.id;
		// Unit i is member i's.
		unitIds = Array.from(
			{ length: 8 },
			(_, i) =>
				t.db
					.select()
					.from(roleAssignments)
					.where(eq(roleAssignments.userId, t.userId(`member${i + 1}`)))
					.get()!.unitId!
		);
		publicId = t.db.select().from(meetings).where(eq(meetings.visibility, 'public')).get()!.id;
		membersId = t.db.select().from(meetings).where(eq(meetings.visibility, 'members')).get()!.id;
		// Unit 8 is taken off the members-only meeting, so it has uninvited members and liaisons too.
		const joint = getMeeting(t.db, actorOf('admin'), membersId);
		updateMeeting(t.db, actorOf('admin'), membersId, {
			unitIds: joint.unitIds.filter((u) => u !== unitIds[7])
		});
		startMeeting(t.db, actorOf('chair'), publicId);
		startMeeting(t.db, actorOf('chair'), membersId);
	});

	afterAll(async () => {
		for (const c of clients) c.s.disconnect();
		await t.close();
	});
}

// --- minutes ---------------------------------------------------------------------------------------

/** Edit the minutes as a raw peer: the edit gets the document's fragment. */
export const writeMinutes = (peer: RawPeer, edit: (f: Y.XmlFragment) => void) =>
	peer.write((d) => edit(minutesFragment(d)));
export const textOf = (doc: Y.Doc) => minutesFragment(doc).toString();

/** Append a paragraph (as Tiptap stores one) with `text`, optionally marked and with element attributes. */
export function appendParagraph(
	fragment: Y.XmlFragment,
	text: string,
	marks?: Record<string, unknown>,
	attrs?: Record<string, string>,
	name = 'paragraph'
) {
	const p = new Y.XmlElement(name);
	fragment.insert(fragment.length, [p]);
	for (const [k, v] of Object.entries(attrs ?? {})) p.setAttribute(k, v);
	const tx = new Y.XmlText();
	p.insert(0, [tx]);
	tx.insert(0, text, marks);
}

export function storedRowsOf(doc: string) {
	return t.db
		.select({ seq: docUpdates.seq })
		.from(docUpdates)
		.where(eq(docUpdates.docName, doc))
		.all().length;
}
