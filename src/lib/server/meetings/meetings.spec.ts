import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { meetings, notifications } from '../db/schema';
import { AppError } from '../errors';
import { demoDb, type TestDb } from '../seed/test-db';
import {
	createMeeting,
	getMeeting,
	listMeetings,
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
