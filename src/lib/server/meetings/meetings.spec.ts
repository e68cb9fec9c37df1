import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { meetings, needs, notifications } from '../db/schema';
import { AppError } from '../errors';
import { demoDb, type TestDb } from '../seed/test-db';
import { createNeed } from '../needs/needs';
import { declineNeed } from '../needs/triage';
import {
	createMeeting,
	getAgenda,
	getMeeting,
	listMeetings,
	putNeedsOnAgenda,
	updateMeeting,
	type NewMeeting
} from './meetings';

let t: TestDb;
beforeAll(async () => {
	t = await demoDb();
});
afterAll(() => t.close());

/** What a service call is refused with: `status key`, or `ok`. */
function refusal(fn: () => unknown): string {
	try {
		fn();
		return 'ok';
	} catch (err) {
		if (err instanceof AppError) return `${err.status} ${err.key}`;
		throw err;
	}
}

let n = 0;
function input(over: Partial<NewMeeting> = {}): NewMeeting {
	const start = new Date(Date.now() + 86_400_000);
	return {
		type: 'thematic',
		title: `专题会 ${++n}`,
		startsAt: start,
		endsAt: new Date(start.getTime() + 3_600_000),
		place: '',
		videoUrl: '',
		visibility: 'members',
		quorum: 0,
		status: 'scheduled',
		unitIds: [t.unitId(1)],
		userIds: [],
		communityIds: [],
		...over
	};
}
const told = (login: string, meetingId: string, kind: string) =>
	t.db
		.select()
		.from(notifications)
		.where(and(eq(notifications.userId, t.userId(login)), eq(notifications.kind, kind)))
		.all()
		.filter((x) => x.link === `/meetings/${meetingId}`).length;

describe('calling a meeting', () => {
	it('the secretary and the chair may; members, liaisons, residents and the recorder may not', () => {
		for (const login of ['member1', 'liaison1', 'resident1', 'recorder', 'supervisor']) {
			expect(
				refusal(() => createMeeting(t.db, t.actor(login), t.committeeId, input())),
				login
			).toBe('403 err.forbidden');
		}
		expect(refusal(() => createMeeting(t.db, t.actor('admin'), t.committeeId, input()))).toBe('ok');
		expect(refusal(() => createMeeting(t.db, t.actor('chair'), t.committeeId, input()))).toBe('ok');
	});

	it('a scheduled meeting tells the people of its units and the staff who run it, nobody else', () => {
		const m = createMeeting(t.db, t.actor('chair'), t.committeeId, input());
		for (const login of ['member1', 'liaison1', 'chair', 'recorder']) {
			expect(told(login, m.id, 'meeting.scheduled'), login).toBe(1);
		}
		for (const login of ['member2', 'liaison2', 'resident1']) {
			expect(told(login, m.id, 'meeting.scheduled'), login).toBe(0);
		}
		const draft = createMeeting(t.db, t.actor('chair'), t.committeeId, input({ status: 'draft' }));
		expect(told('member1', draft.id, 'meeting.scheduled')).toBe(0);
	});

	it('an audience from nowhere is refused and nothing is written', () => {
		const before = t.db.select().from(meetings).all().length;
		expect(
			refusal(() =>
				createMeeting(t.db, t.actor('chair'), t.committeeId, input({ unitIds: ['nosuchunit'] }))
			)
		).toBe('422 err.validation');
		expect(
			refusal(() =>
				createMeeting(
					t.db,
					t.actor('chair'),
					t.committeeId,
					input({ visibility: 'public', communityIds: ['nosuchcommunity'] })
				)
			)
		).toBe('422 err.validation');
		expect(t.db.select().from(meetings).all().length).toBe(before);
	});
});

describe('who sees a meeting', () => {
	it('a draft is for staff only; a members-only meeting for its units; a public one for its communities', () => {
		const draft = createMeeting(t.db, t.actor('chair'), t.committeeId, input({ status: 'draft' }));
		expect(refusal(() => getMeeting(t.db, t.actor('member1'), draft.id))).toBe('404 err.notFound');
		expect(getMeeting(t.db, t.actor('recorder'), draft.id).id).toBe(draft.id);
		const members = createMeeting(t.db, t.actor('chair'), t.committeeId, input());
		expect(getMeeting(t.db, t.actor('liaison1'), members.id).unitIds).toEqual([t.unitId(1)]);
		expect(refusal(() => getMeeting(t.db, t.actor('member2'), members.id))).toBe(
			'404 err.notFound'
		);
		expect(refusal(() => getMeeting(t.db, t.actor('resident3'), members.id))).toBe(
			'404 err.notFound'
		);
		const binhe = t.communityId('滨河社区');
		const pub = createMeeting(
			t.db,
			t.actor('chair'),
			t.committeeId,
			input({ visibility: 'public', communityIds: [binhe] })
		);
		// resident3 lives in 滨河社区, resident1 in 和平里社区 (the demo deals residents out in turn).
		expect(getMeeting(t.db, t.actor('resident3'), pub.id).communityIds).toEqual([binhe]);
		expect(refusal(() => getMeeting(t.db, t.actor('resident1'), pub.id))).toBe('404 err.notFound');
		const listed = (login: string) =>
			listMeetings(t.db, t.actor(login), t.committeeId, { limit: 200 }).items.map((m) => m.id);
		expect(listed('member2')).not.toContain(members.id);
		expect(listed('member1')).toContain(members.id);
		expect(listed('member1')).not.toContain(draft.id);
	});
});

describe('changing a meeting', () => {
	it('only the secretary and the chair; invited members are refused, others do not know of it', () => {
		const m = createMeeting(t.db, t.actor('chair'), t.committeeId, input());
		expect(refusal(() => updateMeeting(t.db, t.actor('member1'), m.id, { place: '会议室' }))).toBe(
			'403 err.forbidden'
		);
		expect(refusal(() => updateMeeting(t.db, t.actor('member2'), m.id, { place: '会议室' }))).toBe(
			'404 err.notFound'
		);
		const changed = updateMeeting(t.db, t.actor('admin'), m.id, { place: '街道二楼会议室' });
		expect(changed).toMatchObject({ place: '街道二楼会议室', sequence: m.sequence + 1 });
	});

	it('tells the old audience and the new one alike when the invited units change', () => {
		const m = createMeeting(t.db, t.actor('chair'), t.committeeId, input());
		updateMeeting(t.db, t.actor('chair'), m.id, { unitIds: [t.unitId(2)] });
		expect(told('member1', m.id, 'meeting.changed')).toBe(1);
		expect(told('member2', m.id, 'meeting.changed')).toBe(1);
		expect(told('member3', m.id, 'meeting.changed')).toBe(0);
		expect(refusal(() => getMeeting(t.db, t.actor('member1'), m.id))).toBe('404 err.notFound');
	});

	it('refuses an end before the start, and any change once the meeting is live or closed', () => {
		const m = createMeeting(t.db, t.actor('chair'), t.committeeId, input());
		expect(
			refusal(() =>
				updateMeeting(t.db, t.actor('chair'), m.id, { endsAt: new Date(m.startsAt.getTime() - 1) })
			)
		).toBe('422 err.validation');
		for (const status of ['live', 'closed'] as const) {
			t.db.update(meetings).set({ status }).where(eq(meetings.id, m.id)).run();
			expect(
				refusal(() => updateMeeting(t.db, t.actor('chair'), m.id, { place: '别处' })),
				status
			).toBe('409 err.meetingLocked');
		}
		expect(getMeeting(t.db, t.actor('chair'), m.id).place).toBe('');
	});
});

describe('needs onto the agenda', () => {
	const raise = (visibility: 'public' | 'private', title: string) =>
		createNeed(t.db, t.actor('resident1'), t.committeeId, {
			title,
			description: '放上议程的需求',
			category: 'environment',
			visibility
		});

	it('makes one agenda item of them, puts them on the agenda, and tells a private need’s submitter live', () => {
		const m = createMeeting(t.db, t.actor('chair'), t.committeeId, input());
		const open = raise('public', '小区停车难');
		const hidden = raise('private', '邻居噪音扰民');
		t.emitted.length = 0;
		// The secretary: the chair may not see private needs, so may not put them on an agenda.
		const { itemId } = putNeedsOnAgenda(t.db, t.actor('admin'), m.id, {
			needIds: [open.id, hidden.id]
		});
		const item = getAgenda(t.db, t.actor('chair'), m.id).find((i) => i.id === itemId)!;
		expect(item).toMatchObject({ title: '小区停车难', needIds: [open.id, hidden.id] });
		for (const id of [open.id, hidden.id]) {
			expect(t.db.select().from(needs).where(eq(needs.id, id)).get()!.status, id).toBe('on_agenda');
		}
		const changed = t.emitted.filter((e) => e.event === 'need:changed');
		expect(changed.map((e) => e.room)).toContain(`committee:${t.committeeId}`);
		expect(changed.map((e) => e.room)).toContain(`user:${t.userId('resident1')}`);
		expect(changed.find((e) => e.room === `user:${t.userId('resident1')}`)!.payload).toMatchObject({
			id: hidden.id,
			status: 'on_agenda'
		});
	});

	it('refuses a declined need and people who neither handle needs nor run the meeting', () => {
		const m = createMeeting(t.db, t.actor('chair'), t.committeeId, input());
		const need = raise('public', '垃圾桶不够用');
		expect(
			refusal(() => putNeedsOnAgenda(t.db, t.actor('member1'), m.id, { needIds: [need.id] }))
		).toBe('403 err.forbidden');
		declineNeed(t.db, t.actor('liaison1'), need.id, '已解决');
		expect(
			refusal(() => putNeedsOnAgenda(t.db, t.actor('chair'), m.id, { needIds: [need.id] }))
		).toBe('422 err.validation');
		expect(getAgenda(t.db, t.actor('chair'), m.id)).toEqual([]);
	});
});
