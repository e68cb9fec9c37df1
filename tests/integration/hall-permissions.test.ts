/**
 * The live hall (promise 14): every hall event × every role on the two live demo meetings, who
 * may finalise and approve minutes, what a meeting that is not live refuses, and how a refusal
 * is worded.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { questions } from '../../src/lib/server/db/schema';
import { halls } from '../../src/lib/server/hall/registry';
import { askQuestion, postComment } from '../../src/lib/server/hall/talk';
import { approveMinutes, finaliseMinutes, getMinutes } from '../../src/lib/server/minutes/minutes';
import { closeMeeting, startMeeting } from '../../src/lib/server/hall/session';
import { floor, raiseHand } from '../../src/lib/server/hall/floor';
import { refusalReason } from '../../src/lib/server/hall/open';
import {
	t,
	nextId,
	connect,
	hangUp,
	outcome,
	expectError,
	codeOf,
	actorOf,
	publicId,
	membersId,
	itemsOf,
	newMeeting,
	fingerprint,
	useHallApp,
	type Client
} from '../helpers/hall';

useHallApp();

/** `hall:hand+pointOfOrder` is `hall:hand` with `pointOfOrder: true`. */
const HALL_EVENTS = [
	'hall:join',
	'hall:checkIn',
	'hall:hand',
	'hall:hand+pointOfOrder',
	'hall:ask',
	'hall:upvote',
	'hall:react',
	'hall:comment',
	'hall:agenda',
	'hall:floor',
	'hall:queue',
	'hall:question',
	'hall:moderate'
] as const;
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
	{
		role: 'member (not invited)',
		public: ['member4', 'outsider'],
		members: ['member8', 'outsider']
	},
	{ role: 'liaison (invited)', public: ['liaison1', 'invited'], members: ['liaison1', 'invited'] },
	{
		role: 'liaison (not invited)',
		public: ['liaison5', 'outsider'],
		members: ['liaison8', 'outsider']
	},
	{ role: 'recorder', public: ['recorder', 'staff'], members: ['recorder', 'staff'] },
	{ role: 'supervisor', public: ['supervisor', 'observer'], members: ['supervisor', 'observer'] },
	{
		role: 'resident of 滨河社区',
		public: ['resident3', 'audience'],
		members: ['resident3', 'outsider']
	},
	{
		role: 'resident of 和平里社区',
		public: ['resident1', 'outsider'],
		members: ['resident1', 'outsider']
	}
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
	const question = () =>
		askQuestion(t.db, actorOf('member2'), meetingId, {
			id: nextId('q'),
			itemId,
			body: '准备好的问题'
		}).id;
	const comment = () =>
		postComment(t.db, actorOf('member2'), meetingId, {
			id: nextId('c'),
			itemId,
			body: '准备好的评论'
		}).id;
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
					want[event] = allowed
						? 'ok (changed)'
						: event === 'hall:join'
							? 'not_found'
							: 'forbidden';
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
			expect(
				codeOf(() => approveMinutes(t.db, actorOf(login), m.id)),
				login
			).toBe('forbidden');
		}
		for (const login of ['member4', 'resident3', 'resident1']) {
			expect(
				codeOf(() => approveMinutes(t.db, actorOf(login), m.id)),
				login
			).toBe('not_found');
		}
		expect(fingerprint(m.id)).toBe(before);
		expect(getMinutes(t.db, actorOf('chair'), m.id).status).toBe('finalised');
	});

	it('on a meeting that is scheduled but not live (or closed), hall actions are refused as not live', async () => {
		const m = newMeeting({ visibility: 'public', units: 3, items: 2, live: false });
		const cases: [login: string, want: Partial<Record<HallEvent, string>>][] = [
			['chair', { 'hall:join': 'ok', 'hall:question': 'not_found', 'hall:moderate': 'not_found' }],
			[
				'member1',
				{
					'hall:join': 'ok',
					'hall:agenda': 'forbidden',
					'hall:floor': 'forbidden',
					'hall:queue': 'forbidden',
					'hall:question': 'forbidden',
					'hall:moderate': 'forbidden'
				}
			],
			// A resident may never check in, raise a point of order, or (here) ask to speak, live or not: forbidden, not "not live".
			[
				'resident3',
				{
					'hall:join': 'ok',
					'hall:checkIn': 'forbidden',
					'hall:hand': 'forbidden',
					'hall:hand+pointOfOrder': 'forbidden',
					'hall:agenda': 'forbidden',
					'hall:floor': 'forbidden',
					'hall:queue': 'forbidden',
					'hall:question': 'forbidden',
					'hall:moderate': 'forbidden'
				}
			],
			[
				'resident1',
				Object.fromEntries(
					HALL_EVENTS.map((e) => [e, e === 'hall:join' ? 'not_found' : 'forbidden'])
				)
			],
			// The supervisor looks in and never acts.
			[
				'supervisor',
				Object.fromEntries(HALL_EVENTS.map((e) => [e, e === 'hall:join' ? 'ok' : 'forbidden']))
			]
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
				const r = await c.emit(event.split('+')[0]!, {
					id: nextId(),
					meetingId,
					...payloads[event]
				});
				got[event] = outcome(r);
				// Entering the waiting room records someone in the hall; nothing else changes anything.
				if (event !== 'hall:join' || !r.ok)
					expect(fingerprint(meetingId), `${c.login} ${event}`).toBe(before);
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
		for (const e of [
			'hall:checkIn',
			'hall:hand',
			'hall:ask',
			'hall:upvote',
			'hall:react',
			'hall:comment'
		] as const)
			expect(got[e], e).toBe('conflict');
		const chair = await connect('chair');
		for (const [event, payload] of [
			['hall:agenda', { to: 'previous' }],
			['hall:floor', { action: 'end' }],
			['hall:queue', { action: 'clear' }]
		] as const) {
			expectError(
				await chair.emit(event, { id: nextId(), meetingId: m.id, ...payload }),
				'conflict'
			);
		}
		await hangUp(member);
		await hangUp(chair);
	});
});

describe('refusals', () => {
	it('a refusal says why where the person may know of the meeting, and is "no such page" elsewhere', () => {
		const pub = newMeeting({ visibility: 'public', units: 1, items: 1 });
		const members = newMeeting({ visibility: 'members', units: 1, items: 1 });
		expect(refusalReason(t.db, actorOf('resident1'), pub.id)).toBe('hall.notInvitedCommunity');
		expect(refusalReason(t.db, actorOf('resident3'), pub.id)).toBe('minutes.notPublished');
		expect(refusalReason(t.db, actorOf('resident3'), members.id)).toBeNull();
		expect(refusalReason(t.db, actorOf('member8'), pub.id)).toBeNull();
		expect(refusalReason(t.db, actorOf('resident3'), 'nosuchmeeting')).toBeNull();
	});
});
