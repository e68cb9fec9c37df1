/**
 * Meetings through the HTTP API of the real built server: calling a meeting (who may, what is
 * refused), who sees which meeting (members-only, public to chosen communities, drafts),
 * changing, scheduling and cancelling (with the sequence bumped), the notifications invited
 * people get, and the calendar: one `.ics` per meeting and the personal feed URL, both parsed
 * with ical.js. The agenda and its live document are in agenda.test.ts.
 *
 * Build first: `npm run build` (or set BUILD_DIR to another build).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import path from 'node:path';
import ICAL from 'ical.js';
import { signInCookie, startServerProcess, type ServerProcess } from '../helpers/process';

let s: ServerProcess;
let url: string;
const cookies: Record<string, string> = {};
const LOGINS = [
	'admin',
	'chair',
	'recorder',
	'supervisor',
	'member1',
	'member2',
	'liaison1',
	'liaison2',
	'resident1',
	'resident2',
	'resident3'
] as const;
type Login = (typeof LOGINS)[number];

interface Meeting {
	id: string;
	type: string;
	title: string;
	startsAt: string;
	endsAt: string;
	place: string;
	videoUrl: string;
	visibility: 'members' | 'public';
	quorum: number;
	status: string;
	unitIds: string[];
	communityIds: string[];
	updatedAt: string;
}
interface Problem {
	status: number;
	errors?: Record<string, string[]>;
}
interface Notification {
	id: string;
	kind: string;
	link: string;
}

/** member1's and member2's units, 滨河社区 and 和平里社区. */
let unit1: string;
let unit2: string;
let binhe: string;
let heping: string;
/** The demo meetings. */
let joint: Meeting;
let deliberation: Meeting;

function call(as: Login | null, method: string, p: string, json?: unknown): Promise<Response> {
	const headers: Record<string, string> = {};
	if (as) headers.cookie = cookies[as]!;
	if (method !== 'GET') headers.origin = url;
	if (json !== undefined) headers['content-type'] = 'application/json';
	return fetch(`${url}${p}`, {
		method,
		headers,
		body: json === undefined ? undefined : JSON.stringify(json)
	});
}
const api = (as: Login | null, method: string, p: string, json?: unknown) =>
	call(as, method, `/api/v1${p}`, json);

async function expectStatus<T>(res: Response, status: number): Promise<T> {
	const text = await res.text();
	expect(res.status, `${res.url}: ${text.slice(0, 300)}`).toBe(status);
	return (text ? JSON.parse(text) : null) as T;
}

async function visibleIds(as: Login): Promise<string[]> {
	const page = await expectStatus<{ items: Meeting[]; nextCursor: string | null }>(
		await api(as, 'GET', '/meetings?limit=200'),
		200
	);
	expect(page.nextCursor).toBeNull();
	return page.items.map((m) => m.id);
}

async function notificationsAbout(as: Login, meetingId: string): Promise<string[]> {
	const body = await expectStatus<{ items: Notification[] }>(
		await api(as, 'GET', '/notifications'),
		200
	);
	return body.items
		.filter((n) => n.link === `/meetings/${meetingId}`)
		.map((n) => n.kind)
		.reverse();
}

/** The stored sequence number (not part of the API; calendars use it). */
function storedSequence(id: string): number {
	const db = new Database(path.join(s.dataDir, 'yiting.db'), {
		readonly: true,
		fileMustExist: true
	});
	try {
		return (db.prepare('select sequence from meeting where id = ?').get(id) as { sequence: number })
			.sequence;
	} finally {
		db.close();
	}
}

let n = 0;
function meetingBody(over: Record<string, unknown> = {}) {
	n++;
	const start = new Date(Date.UTC(2031, 2, 3 + n, 6, 30));
	return {
		type: 'thematic',
		title: `专题协商会 ${n}`,
		startsAt: start.toISOString(),
		endsAt: new Date(start.getTime() + 90 * 60_000).toISOString(),
		place: '街道办二楼',
		videoUrl: 'https://meet.jit.si/yiting-test',
		visibility: 'members',
		quorum: 3,
		unitIds: [unit1],
		...over
	};
}

async function create(as: Login, over: Record<string, unknown> = {}): Promise<Meeting> {
	return expectStatus<Meeting>(await api(as, 'POST', '/meetings', meetingBody(over)), 201);
}

function parseIcs(text: string) {
	const comp = new ICAL.Component(ICAL.parse(text));
	return comp.getAllSubcomponents('vevent').map((v) => {
		const e = new ICAL.Event(v);
		return {
			uid: e.uid,
			summary: e.summary,
			start: e.startDate.toJSDate().toISOString(),
			end: e.endDate.toJSDate().toISOString(),
			status: v.getFirstPropertyValue('status'),
			sequence: e.sequence
		};
	});
}

async function meetingIcs(as: Login, id: string) {
	const res = await call(as, 'GET', `/meetings/${id}/calendar.ics`);
	const text = await res.text();
	expect(res.status, text.slice(0, 200)).toBe(200);
	expect(res.headers.get('content-type')).toMatch(/^text\/calendar/);
	const events = parseIcs(text);
	expect(events).toHaveLength(1);
	return events[0]!;
}

beforeAll(async () => {
	s = await startServerProcess();
	url = s.url;
	await Promise.all(LOGINS.map(async (login) => (cookies[login] = await signInCookie(url, login))));
	const unitOf = async (as: Login) => {
		const me = await expectStatus<{ roles: { unitId: string | null }[] }>(
			await api(as, 'GET', '/me'),
			200
		);
		return me.roles.find((r) => r.unitId)!.unitId!;
	};
	[unit1, unit2] = await Promise.all([unitOf('member1'), unitOf('member2')]);
	const comms = await expectStatus<{ items: { id: string; name: string }[] }>(
		await api('admin', 'GET', '/communities'),
		200
	);
	binhe = comms.items.find((c) => c.name === '滨河社区')!.id;
	heping = comms.items.find((c) => c.name === '和平里社区')!.id;
	const all = await expectStatus<{ items: Meeting[] }>(
		await api('admin', 'GET', '/meetings?limit=200'),
		200
	);
	joint = all.items.find((m) => m.type === 'monthly_joint')!;
	deliberation = all.items.find((m) => m.type === 'resident_deliberation')!;
	expect(joint).toMatchObject({ status: 'scheduled', visibility: 'members' });
	expect(joint.unitIds).toHaveLength(8);
	expect(deliberation).toMatchObject({
		status: 'scheduled',
		visibility: 'public',
		communityIds: [binhe]
	});
	expect(deliberation.unitIds).toHaveLength(3);
});
afterAll(async () => {
	await s?.stop();
});

describe('calling a meeting', () => {
	it('the secretary and the chair call meetings (201), with the fields as sent', async () => {
		const body = meetingBody({
			title: '加装电梯专题协商',
			unitIds: [unit1, unit2],
			visibility: 'public',
			communityIds: [heping]
		});
		const m = await expectStatus<Meeting>(await api('admin', 'POST', '/meetings', body), 201);
		expect(m).toMatchObject({
			type: 'thematic',
			title: '加装电梯专题协商',
			startsAt: body.startsAt,
			endsAt: body.endsAt,
			place: '街道办二楼',
			videoUrl: 'https://meet.jit.si/yiting-test',
			visibility: 'public',
			quorum: 3,
			status: 'draft',
			communityIds: [heping]
		});
		expect([...m.unitIds].sort()).toEqual([unit1, unit2].sort());
		expect(
			await expectStatus<Meeting>(await api('admin', 'GET', `/meetings/${m.id}`), 200)
		).toEqual(m);

		const byChair = await create('chair', { status: 'scheduled', title: '主任召集的会议' });
		expect(byChair).toMatchObject({
			status: 'scheduled',
			title: '主任召集的会议',
			unitIds: [unit1]
		});
		expect(await visibleIds('admin')).toEqual(expect.arrayContaining([m.id, byChair.id]));
	});

	it('members, liaisons and residents may not call a meeting (403), and nothing is created', async () => {
		for (const as of ['member1', 'liaison1', 'resident3'] as const) {
			const body = meetingBody({ title: `${as} 想开的会`, status: 'scheduled' });
			await expectStatus<Problem>(await api(as, 'POST', '/meetings', body), 403);
		}
		const titles = (
			await expectStatus<{ items: Meeting[] }>(
				await api('admin', 'GET', '/meetings?limit=200'),
				200
			)
		).items.map((m) => m.title);
		expect(titles.filter((t) => t.endsWith('想开的会'))).toEqual([]);
	});

	it('refuses an end before the start, a plain-http video link and unknown units (422, by field)', async () => {
		const base = meetingBody();
		const early = await expectStatus<Problem>(
			await api('admin', 'POST', '/meetings', {
				...base,
				endsAt: new Date(Date.parse(base.startsAt) - 60_000).toISOString()
			}),
			422
		);
		expect(Object.keys(early.errors ?? {})).toEqual(['endsAt']);
		const same = await expectStatus<Problem>(
			await api('admin', 'POST', '/meetings', { ...base, endsAt: base.startsAt }),
			422
		);
		expect(Object.keys(same.errors ?? {})).toEqual(['endsAt']);
		const http = await expectStatus<Problem>(
			await api('admin', 'POST', '/meetings', { ...base, videoUrl: 'http://meet.jit.si/plain' }),
			422
		);
		expect(Object.keys(http.errors ?? {})).toEqual(['videoUrl']);
		const script = await expectStatus<Problem>(
			await api('admin', 'POST', '/meetings', { ...base, videoUrl: 'javascript:alert(1)' }),
			422
		);
		expect(Object.keys(script.errors ?? {})).toEqual(['videoUrl']);
		const units = await expectStatus<Problem>(
			await api('admin', 'POST', '/meetings', { ...base, unitIds: [unit1, 'nosuchunit'] }),
			422
		);
		expect(Object.keys(units.errors ?? {})).toEqual(['unitIds']);
		const titles = (
			await expectStatus<{ items: Meeting[] }>(
				await api('admin', 'GET', '/meetings?limit=200'),
				200
			)
		).items.map((m) => m.title);
		expect(titles).not.toContain(base.title);
	});
});

describe('who sees which meeting', () => {
	it('a 滨河社区 resident sees the public deliberation meeting but not the members-only one', async () => {
		const ids = await visibleIds('resident3');
		expect(ids).toContain(deliberation.id);
		expect(ids).not.toContain(joint.id);
		await expectStatus<Meeting>(await api('resident3', 'GET', `/meetings/${deliberation.id}`), 200);
		await expectStatus<Problem>(await api('resident3', 'GET', `/meetings/${joint.id}`), 404);
	});

	it('a resident of another community sees neither', async () => {
		for (const as of ['resident1', 'resident2'] as const) {
			const ids = await visibleIds(as);
			expect(ids).not.toContain(deliberation.id);
			expect(ids).not.toContain(joint.id);
			await expectStatus<Problem>(await api(as, 'GET', `/meetings/${deliberation.id}`), 404);
			await expectStatus<Problem>(await api(as, 'GET', `/meetings/${joint.id}`), 404);
		}
	});

	it('members and liaisons see the meetings their unit is invited to, and only those', async () => {
		expect(await visibleIds('member1')).toContain(joint.id);
		expect(await visibleIds('liaison2')).toContain(joint.id);
		const only1 = await create('admin', { status: 'scheduled', unitIds: [unit1] });
		expect(await visibleIds('member1')).toContain(only1.id);
		expect(await visibleIds('liaison1')).toContain(only1.id);
		expect(await visibleIds('member2')).not.toContain(only1.id);
		await expectStatus<Problem>(await api('member2', 'GET', `/meetings/${only1.id}`), 404);
		// Residents are not invited to a members-only meeting, even with every community listed.
		expect(await visibleIds('resident3')).not.toContain(only1.id);
	});

	it('a draft is seen only by the secretary, chair, recorder and supervisor', async () => {
		// Public to every community and inviting member1's unit: only the draft status hides it.
		const draft = await create('admin', {
			visibility: 'public',
			communityIds: [],
			unitIds: [unit1],
			status: 'draft'
		});
		for (const as of ['admin', 'chair', 'recorder', 'supervisor'] as const) {
			expect(await visibleIds(as), as).toContain(draft.id);
			await expectStatus<Meeting>(await api(as, 'GET', `/meetings/${draft.id}`), 200);
		}
		for (const as of ['member1', 'liaison1', 'resident1', 'resident3'] as const) {
			expect(await visibleIds(as), as).not.toContain(draft.id);
			await expectStatus<Problem>(await api(as, 'GET', `/meetings/${draft.id}`), 404);
		}
		// Once scheduled, the same people see it.
		await expectStatus<Meeting>(
			await api('admin', 'PATCH', `/meetings/${draft.id}`, { status: 'scheduled' }),
			200
		);
		for (const as of ['member1', 'liaison1', 'resident1', 'resident3'] as const) {
			expect(await visibleIds(as), as).toContain(draft.id);
		}
	});
});

describe('changing a meeting', () => {
	it('PATCH changes the fields and bumps the sequence; draft → scheduled → cancelled', async () => {
		const m = await create('admin', { status: 'draft' });
		expect(storedSequence(m.id)).toBe(0);
		const start = new Date(Date.parse(m.startsAt) + 86_400_000).toISOString();
		const end = new Date(Date.parse(m.endsAt) + 86_400_000 + 30 * 60_000).toISOString();
		const changed = await expectStatus<Meeting>(
			await api('chair', 'PATCH', `/meetings/${m.id}`, {
				title: '改期后的协商会',
				place: '社区活动中心',
				startsAt: start,
				endsAt: end,
				quorum: 5,
				unitIds: [unit1, unit2]
			}),
			200
		);
		expect(changed).toMatchObject({
			title: '改期后的协商会',
			place: '社区活动中心',
			startsAt: start,
			endsAt: end,
			quorum: 5,
			status: 'draft',
			videoUrl: m.videoUrl
		});
		expect([...changed.unitIds].sort()).toEqual([unit1, unit2].sort());
		expect(storedSequence(m.id)).toBe(1);
		expect(
			await expectStatus<Meeting>(await api('admin', 'GET', `/meetings/${m.id}`), 200)
		).toEqual(changed);

		const scheduled = await expectStatus<Meeting>(
			await api('admin', 'PATCH', `/meetings/${m.id}`, { status: 'scheduled' }),
			200
		);
		expect(scheduled.status).toBe('scheduled');
		expect(storedSequence(m.id)).toBe(2);
		const cancelled = await expectStatus<Meeting>(
			await api('admin', 'PATCH', `/meetings/${m.id}`, { status: 'cancelled' }),
			200
		);
		expect(cancelled.status).toBe('cancelled');
		expect(storedSequence(m.id)).toBe(3);
		// Invited people still see a cancelled meeting (as cancelled).
		expect(
			await expectStatus<Meeting>(await api('member2', 'GET', `/meetings/${m.id}`), 200)
		).toMatchObject({ status: 'cancelled' });
	});

	it('a PATCH of one field leaves every other field as it was', async () => {
		const m = await create('admin', {
			status: 'draft',
			visibility: 'public',
			communityIds: [binhe],
			quorum: 7,
			place: '滨河社区活动中心',
			unitIds: [unit1, unit2]
		});
		const scheduled = await expectStatus<Meeting>(
			await api('admin', 'PATCH', `/meetings/${m.id}`, { status: 'scheduled' }),
			200
		);
		const { status: _s, updatedAt: _u, ...rest } = m;
		expect({ ...scheduled, unitIds: [...scheduled.unitIds].sort() }).toMatchObject({
			...rest,
			unitIds: [...m.unitIds].sort(),
			status: 'scheduled'
		});
	});

	it('refuses a change that would end the meeting before it starts, and changes nothing', async () => {
		const m = await create('admin', { status: 'scheduled' });
		const p = await expectStatus<Problem>(
			await api('admin', 'PATCH', `/meetings/${m.id}`, {
				endsAt: new Date(Date.parse(m.startsAt) - 60_000).toISOString()
			}),
			422
		);
		expect(Object.keys(p.errors ?? {})).toEqual(['endsAt']);
		const both = await expectStatus<Problem>(
			await api('admin', 'PATCH', `/meetings/${m.id}`, { startsAt: m.endsAt, endsAt: m.startsAt }),
			422
		);
		expect(Object.keys(both.errors ?? {})).toEqual(['endsAt']);
		await expectStatus<Problem>(
			await api('admin', 'PATCH', `/meetings/${m.id}`, {
				videoUrl: 'http://insecure.example/room'
			}),
			422
		);
		await expectStatus<Problem>(
			await api('admin', 'PATCH', `/meetings/${m.id}`, { status: 'closed' }),
			422
		);
		expect(
			await expectStatus<Meeting>(await api('admin', 'GET', `/meetings/${m.id}`), 200)
		).toEqual(m);
		expect(storedSequence(m.id)).toBe(0);
	});

	it('members and residents may not change a meeting: 403 when they see it, 404 when they do not', async () => {
		const m = await create('admin', { status: 'scheduled', unitIds: [unit1] });
		const draft = await create('admin', { status: 'draft', unitIds: [unit1] });
		await expectStatus<Problem>(
			await api('member1', 'PATCH', `/meetings/${m.id}`, { title: '成员改的标题' }),
			403
		);
		await expectStatus<Problem>(
			await api('liaison1', 'PATCH', `/meetings/${m.id}`, { status: 'cancelled' }),
			403
		);
		await expectStatus<Problem>(
			await api('recorder', 'PATCH', `/meetings/${m.id}`, { title: '记录员改的标题' }),
			403
		);
		await expectStatus<Problem>(
			await api('member2', 'PATCH', `/meetings/${m.id}`, { title: '别人改的标题' }),
			404
		);
		await expectStatus<Problem>(
			await api('member1', 'PATCH', `/meetings/${draft.id}`, { status: 'scheduled' }),
			404
		);
		await expectStatus<Problem>(
			await api('resident3', 'PATCH', `/meetings/${deliberation.id}`, { status: 'cancelled' }),
			403
		);
		expect(
			await expectStatus<Meeting>(await api('admin', 'GET', `/meetings/${m.id}`), 200)
		).toEqual(m);
		expect(
			await expectStatus<Meeting>(await api('admin', 'GET', `/meetings/${draft.id}`), 200)
		).toEqual(draft);
		expect(
			(await expectStatus<Meeting>(await api('admin', 'GET', `/meetings/${deliberation.id}`), 200))
				.status
		).toBe('scheduled');
		expect(storedSequence(m.id)).toBe(0);
	});
});

describe('notifications', () => {
	it('invited people are told when a meeting is scheduled, changed and cancelled; others hear nothing', async () => {
		const m = await create('admin', { status: 'draft', unitIds: [unit1] });
		// A draft tells no one, nor does changing a draft.
		await expectStatus<Meeting>(
			await api('admin', 'PATCH', `/meetings/${m.id}`, { place: '草稿阶段换了地方' }),
			200
		);
		for (const as of ['member1', 'liaison1', 'chair'] as const)
			expect(await notificationsAbout(as, m.id), as).toEqual([]);

		await expectStatus<Meeting>(
			await api('admin', 'PATCH', `/meetings/${m.id}`, { status: 'scheduled' }),
			200
		);
		for (const as of ['member1', 'liaison1', 'chair', 'recorder'] as const)
			expect(await notificationsAbout(as, m.id), as).toEqual(['meeting.scheduled']);

		await expectStatus<Meeting>(
			await api('chair', 'PATCH', `/meetings/${m.id}`, {
				title: '时间地点有变的协商会',
				place: '社区活动中心'
			}),
			200
		);
		for (const as of ['member1', 'liaison1'] as const)
			expect(await notificationsAbout(as, m.id), as).toEqual([
				'meeting.scheduled',
				'meeting.changed'
			]);

		await expectStatus<Meeting>(
			await api('admin', 'PATCH', `/meetings/${m.id}`, { status: 'cancelled' }),
			200
		);
		for (const as of ['member1', 'liaison1'] as const) {
			expect(await notificationsAbout(as, m.id), as).toEqual([
				'meeting.scheduled',
				'meeting.changed',
				'meeting.cancelled'
			]);
		}
		// Not invited: another unit's member and liaison, residents.
		for (const as of ['member2', 'liaison2', 'resident1', 'resident3'] as const)
			expect(await notificationsAbout(as, m.id), as).toEqual([]);
	});

	it('a meeting called as scheduled tells its invitees at once, in their own notification list', async () => {
		const m = await create('chair', { status: 'scheduled', unitIds: [unit2] });
		const body = await expectStatus<{ items: (Notification & { text: string })[] }>(
			await api('member2', 'GET', '/notifications'),
			200
		);
		const mine = body.items.filter((x) => x.link === `/meetings/${m.id}`);
		expect(mine.map((x) => x.kind)).toEqual(['meeting.scheduled']);
		expect(mine[0]!.text).toContain(m.title);
		expect(await notificationsAbout('member1', m.id)).toEqual([]);
		expect(await notificationsAbout('liaison2', m.id)).toEqual(['meeting.scheduled']);
	});
});

describe('calendar', () => {
	it("a meeting's .ics parses with ical.js and carries its UID, title, times, status and sequence", async () => {
		const m = await create('admin', {
			status: 'scheduled',
			title: '议题：停车难, 加装电梯; 垃圾分类\\备注（一个很长很长很长的会议标题，用来检查折行）'
		});
		const ev = await meetingIcs('member1', m.id);
		expect(ev).toEqual({
			uid: `${m.id}@yiting`,
			summary: m.title,
			start: m.startsAt,
			end: m.endsAt,
			status: 'CONFIRMED',
			sequence: 0
		});

		const start = new Date(Date.parse(m.startsAt) + 3_600_000).toISOString();
		const end = new Date(Date.parse(m.endsAt) + 3_600_000).toISOString();
		await expectStatus<Meeting>(
			await api('admin', 'PATCH', `/meetings/${m.id}`, { startsAt: start, endsAt: end }),
			200
		);
		const moved = await meetingIcs('member1', m.id);
		expect(moved).toMatchObject({ start, end, status: 'CONFIRMED' });
		expect(moved.sequence).toBeGreaterThan(ev.sequence);

		await expectStatus<Meeting>(
			await api('admin', 'PATCH', `/meetings/${m.id}`, { status: 'cancelled' }),
			200
		);
		const cancelled = await meetingIcs('member1', m.id);
		expect(cancelled.status).toBe('CANCELLED');
		expect(cancelled.uid).toBe(`${m.id}@yiting`);
		expect(cancelled.sequence).toBeGreaterThan(moved.sequence);
	});

	it('the demo meetings export as .ics for those who may see them, and 404 for others', async () => {
		expect(await meetingIcs('resident3', deliberation.id)).toMatchObject({
			uid: `${deliberation.id}@yiting`,
			summary: deliberation.title,
			start: deliberation.startsAt,
			end: deliberation.endsAt,
			status: 'CONFIRMED'
		});
		expect((await meetingIcs('member2', joint.id)).summary).toBe(joint.title);
		for (const [as, id] of [
			['resident3', joint.id],
			['resident1', deliberation.id],
			['resident1', joint.id]
		] as const) {
			const res = await call(as, 'GET', `/meetings/${id}/calendar.ics`);
			expect(res.status, `${as} ${id}`).toBe(404);
			expect(await res.text()).not.toContain('BEGIN:VCALENDAR');
		}
		const draft = await create('admin', { status: 'draft', unitIds: [unit1] });
		expect((await call('member1', 'GET', `/meetings/${draft.id}/calendar.ics`)).status).toBe(404);
		expect((await meetingIcs('chair', draft.id)).status).toBe('TENTATIVE');
		expect((await call(null, 'GET', `/meetings/${joint.id}/calendar.ics`)).status).toBe(401);
	});

	it('the personal feed lists exactly the meetings its owner may see (no drafts), without a cookie', async () => {
		// A draft the admin sees in the list but that no feed may carry.
		const draft = await create('admin', { status: 'draft', unitIds: [unit1] });
		for (const as of ['resident3', 'member2', 'admin'] as const) {
			const { url: feed } = await expectStatus<{ url: string }>(
				await api(as, 'POST', '/calendar/token'),
				201
			);
			expect(feed).toMatch(new RegExp(`^${url}/calendar/[a-z2-7]{32}\\.ics$`));
			const res = await fetch(feed);
			const text = await res.text();
			expect(res.status, text.slice(0, 200)).toBe(200);
			expect(res.headers.get('content-type')).toMatch(/^text\/calendar/);
			const uids = parseIcs(text)
				.map((e) => e.uid)
				.sort();
			const page = await expectStatus<{ items: Meeting[] }>(
				await api(as, 'GET', '/meetings?limit=200'),
				200
			);
			const expected = page.items
				.filter((m) => m.status !== 'draft')
				.map((m) => `${m.id}@yiting`)
				.sort();
			expect(uids, as).toEqual(expected);
			expect(uids, as).not.toContain(`${draft.id}@yiting`);
			if (as === 'resident3') {
				expect(uids).toContain(`${deliberation.id}@yiting`);
				expect(uids).not.toContain(`${joint.id}@yiting`);
			}
			if (as === 'admin') {
				expect(page.items.map((m) => m.id)).toContain(draft.id);
				expect(uids).toContain(`${joint.id}@yiting`);
			}
		}
	});

	it('a bogus token is 404; renewing makes the old URL 404; the token never reaches the log', async () => {
		for (const bogus of ['a'.repeat(32), 'abc', 'A'.repeat(32), `${'a'.repeat(31)}1`]) {
			const res = await fetch(`${url}/calendar/${bogus}.ics`);
			expect(res.status, bogus).toBe(404);
			expect(await res.text()).not.toContain('BEGIN:VCALENDAR');
		}
		const first = (
			await expectStatus<{ url: string }>(await api('member1', 'POST', '/calendar/token'), 201)
		).url;
		expect((await fetch(first)).status).toBe(200);
		const second = (
			await expectStatus<{ url: string }>(await api('member1', 'POST', '/calendar/token'), 201)
		).url;
		expect(second).not.toBe(first);
		expect((await fetch(first)).status).toBe(404);
		const res = await fetch(second);
		expect(res.status).toBe(200);
		expect(parseIcs(await res.text()).map((e) => e.uid)).toContain(`${joint.id}@yiting`);
		// Without a session: the token is the only credential; no cookie-less API call makes one.
		expect((await api(null, 'POST', '/calendar/token')).status).toBe(401);

		// The log line for each feed request is written after the response; give it a moment.
		await new Promise((r) => setTimeout(r, 300));
		const log = s.output();
		expect(log).toContain('/calendar/***');
		for (const u of [first, second]) {
			const token = u.split('/calendar/')[1]!.replace(/\.ics$/, '');
			expect(log).not.toContain(token);
		}
	});
});
