import { describe, expect, it } from 'vitest';
import { ACTIONS, can, docAccess, mayKnowOfMeeting, type Action, type Actor, type Scope } from '.';
import { ROLES, type Role } from '../roles';

const C = 'committee-1';
const OTHER = 'committee-2';
const UNIT = 'unit-1';

function actor(role: Role, unitId: string | null = null, committeeId = C): Actor {
	return { userId: `u-${role}`, roles: [{ committeeId, role, unitId, communityId: null }] };
}

// Who may do each action in committee C on unit UNIT. Liaisons are liaisons of UNIT here.
const expected: Record<Action, Role[]> = {
	'committee.view': [...ROLES],
	'presence.join': [...ROLES],
	'unit.view': [...ROLES],
	'org.view': [...ROLES],
	'org.manage': ['admin'],
	'people.view': ['admin', 'supervisor'],
	'unit.edit': ['admin', 'liaison'],
	'account.resetPassword': ['admin'],
	'need.submit': ['admin', 'liaison', 'resident'],
	'need.support': ['resident'],
	'need.manage': ['admin', 'liaison'],
	'need.viewQueue': ['admin', 'chair', 'liaison', 'supervisor'],
	'need.viewPrivate': ['admin', 'liaison', 'supervisor'],
	'need.revealPhone': ['admin', 'liaison'],
	'meeting.create': ['admin', 'chair'],
	'meeting.manage': ['admin', 'chair'],
	// A public, scheduled meeting to which UNIT is invited, open to all communities.
	'meeting.view': [...ROLES],
	'agenda.edit': ['admin', 'chair', 'member'],
	// The hall of a scheduled meeting: everyone may wait in it; nothing happens until it is live.
	'hall.join': [...ROLES],
	'hall.checkIn': [],
	'hall.participate': [],
	'hall.speak': [],
	'hall.pointOfOrder': [],
	'hall.chair': ['admin', 'chair'],
	'hall.moderate': ['admin', 'chair'],
	// Draft minutes: those running the meeting and those invited read along; residents wait for approval.
	'minutes.view': ['admin', 'chair', 'member', 'liaison', 'recorder', 'supervisor'],
	'minutes.versions': ['admin', 'chair', 'member', 'liaison', 'recorder', 'supervisor'],
	'minutes.edit': [],
	'minutes.finalise': [],
	'minutes.approve': [],
	// Votes are prepared and run by the chair and the secretary; supervisors watch and never vote.
	'vote.manage': ['admin', 'chair', 'recorder'],
	'vote.countRoom': ['admin', 'chair', 'recorder'],
	// A tie is decided by the chair's casting vote, never by those who only run the vote.
	'vote.casting': ['chair'],
	'vote.view': [...ROLES],
	'vote.cast': ['admin', 'chair', 'member', 'liaison', 'recorder', 'resident'],
	// A proxy is handed by a voting member invited to the meeting (UNIT's member here), or the chair.
	'vote.proxy': ['chair', 'member'],
	// A public meeting's resolutions are everyone's.
	'resolution.view': [...ROLES],
	// Execution. Without a task in the scope nobody acts on one (see the task matrix below).
	'task.dispatch': ['admin'],
	'task.manage': ['admin'],
	'task.view': ['admin', 'chair', 'member', 'liaison', 'recorder', 'supervisor'],
	'task.act': [],
	'task.submit': [],
	'task.approve': ['admin'],
	'summons.create': ['admin'],
	'summons.respond': ['member', 'liaison'],
	'supervision.view': ['admin', 'chair', 'supervisor'],
	'notice.issue': ['admin', 'supervisor'],
	'notice.reply': ['member', 'liaison'],
	'standings.view': ['admin', 'chair', 'member', 'liaison', 'recorder', 'supervisor'],
	'rating.give': [],
	'rating.enterForResident': ['admin', 'liaison'],
	'need.reopen': ['admin'],
	'dashboard.view': ['admin', 'chair', 'recorder', 'supervisor'],
	'evaluation.view': ['admin', 'chair', 'member', 'liaison', 'recorder', 'supervisor'],
	'export.csv': ['admin', 'chair', 'supervisor'],
	'resource.view': ['admin', 'chair', 'member', 'liaison', 'recorder', 'supervisor'],
	'resource.manage': ['admin', 'member', 'liaison'],
	'project.view': [...ROLES],
	'project.manage': ['admin'],
	'project.claim': ['member', 'liaison'],
	'spending.record': ['admin', 'member', 'liaison']
};

// A task led by UNIT with a co-unit, answering a public need; and one of another unit.
const taskCases: [string, Action, Partial<Scope>, Role[]][] = [
	[
		'own task',
		'task.act',
		{ task: { leadUnitId: UNIT, unitIds: [UNIT, 'unit-2'], public: true } },
		['member', 'liaison']
	],
	[
		'own task',
		'task.submit',
		{ task: { leadUnitId: UNIT, unitIds: [UNIT], public: true } },
		['member', 'liaison']
	],
	[
		'co-unit task',
		'task.act',
		{ task: { leadUnitId: 'unit-2', unitIds: ['unit-2', UNIT], public: true } },
		['member', 'liaison']
	],
	[
		'co-unit task',
		'task.submit',
		{ task: { leadUnitId: 'unit-2', unitIds: ['unit-2', UNIT], public: true } },
		[]
	],
	[
		'other unit task',
		'task.act',
		{ task: { leadUnitId: 'unit-2', unitIds: ['unit-2'], public: true } },
		[]
	],
	[
		'public task',
		'task.view',
		{ task: { leadUnitId: 'unit-2', unitIds: ['unit-2'], public: true } },
		[...ROLES]
	],
	[
		'private task',
		'task.view',
		{ task: { leadUnitId: 'unit-2', unitIds: ['unit-2'], public: false } },
		['admin', 'chair', 'member', 'liaison', 'recorder', 'supervisor']
	],
	['other unit notice', 'notice.reply', { unitId: 'unit-2' }, []],
	['need raised or supported', 'rating.give', { need: { mine: true } }, [...ROLES]],
	['need of someone else', 'rating.give', { need: { mine: false } }, []]
];

describe('task matrix', () => {
	for (const [what, action, scope, roles] of taskCases)
		for (const role of ROLES) {
			const allowed = roles.includes(role);
			it(`${role} ${allowed ? 'may' : 'may not'} ${action} (${what})`, () => {
				const a = actor(role, role === 'member' || role === 'liaison' ? UNIT : null);
				expect(can(a, action, { committeeId: C, unitId: UNIT, ...scope })).toBe(allowed);
			});
		}
});

// The same public meeting, live, with minutes at each stage.
const live: Partial<Record<Action, [string, Role[]][]>> = {
	// A supervisor observes: in the hall they follow everything and act on nothing.
	'hall.checkIn': [['draft', ['admin', 'chair', 'member', 'liaison', 'recorder']]],
	'hall.participate': [['draft', ['admin', 'chair', 'member', 'liaison', 'recorder', 'resident']]],
	// Residents ask to speak only where the meeting allows it (not here), and never raise points of order.
	'hall.speak': [['draft', ['admin', 'chair', 'member', 'liaison', 'recorder']]],
	'hall.pointOfOrder': [['draft', ['admin', 'chair', 'member', 'liaison', 'recorder']]],
	'minutes.view': [
		['draft', ['admin', 'chair', 'member', 'liaison', 'recorder', 'supervisor']],
		['approved', [...ROLES]]
	],
	// Residents read the approved text only, never the drafts behind it.
	'minutes.versions': [
		['approved', ['admin', 'chair', 'member', 'liaison', 'recorder', 'supervisor']]
	],
	'minutes.edit': [
		['draft', ['chair', 'recorder']],
		['finalised', []],
		['approved', []]
	],
	'minutes.finalise': [
		['draft', ['recorder']],
		['finalised', []]
	],
	'minutes.approve': [
		['draft', []],
		['finalised', ['chair']],
		['approved', []]
	]
};

const meeting = {
	visibility: 'public' as const,
	status: 'scheduled',
	unitIds: [UNIT],
	userIds: [],
	communityIds: []
};

describe('permission matrix', () => {
	for (const action of ACTIONS) {
		for (const role of ROLES) {
			const allowed = expected[action].includes(role);
			it(`${role} ${allowed ? 'may' : 'may not'} ${action}`, () => {
				const a = actor(role, role === 'member' || role === 'liaison' ? UNIT : null);
				expect(can(a, action, { committeeId: C, unitId: UNIT, meeting })).toBe(allowed);
			});
		}
	}

	for (const [action, cases] of Object.entries(live) as [Action, [string, Role[]][]][]) {
		for (const [minutes, roles] of cases) {
			it(`live meeting, ${minutes} minutes: ${action} is for ${roles.join(', ') || 'nobody'}`, () => {
				const m = {
					...meeting,
					status: 'live',
					minutes: minutes as 'draft' | 'finalised' | 'approved'
				};
				const allowed = ROLES.filter((role) =>
					can(actor(role, role === 'member' || role === 'liaison' ? UNIT : null), action, {
						committeeId: C,
						meeting: m
					})
				);
				expect(allowed).toEqual(roles);
			});
		}
	}

	it('a members-only hall admits only those invited and those running it', () => {
		const closedDoors = { ...meeting, visibility: 'members' as const, status: 'live' };
		expect(can(actor('resident'), 'hall.join', { committeeId: C, meeting: closedDoors })).toBe(
			false
		);
		expect(
			can(actor('member', 'unit-2'), 'hall.join', { committeeId: C, meeting: closedDoors })
		).toBe(false);
		expect(can(actor('member', UNIT), 'hall.join', { committeeId: C, meeting: closedDoors })).toBe(
			true
		);
		expect(
			can(actor('resident'), 'minutes.view', {
				committeeId: C,
				meeting: { ...closedDoors, minutes: 'approved' }
			})
		).toBe(false);
	});

	it('residents ask to speak where the meeting allows it, but never raise a point of order', () => {
		const m = { ...meeting, status: 'live', residentsMaySpeak: true };
		const speak = ROLES.filter((role) =>
			can(actor(role, role === 'member' || role === 'liaison' ? UNIT : null), 'hall.speak', {
				committeeId: C,
				meeting: m
			})
		);
		expect(speak).toEqual(['admin', 'chair', 'member', 'liaison', 'recorder', 'resident']);
		expect(can(actor('resident'), 'hall.pointOfOrder', { committeeId: C, meeting: m })).toBe(false);
	});

	it('a supervisor who is also a member acts as the member', () => {
		const both: Actor = {
			userId: 'u-both',
			roles: [
				{ committeeId: C, role: 'supervisor', unitId: null, communityId: null },
				{ committeeId: C, role: 'member', unitId: UNIT, communityId: null }
			]
		};
		const m = { ...meeting, status: 'live' };
		expect(can(both, 'hall.checkIn', { committeeId: C, meeting: m })).toBe(true);
		expect(can(both, 'hall.pointOfOrder', { committeeId: C, meeting: m })).toBe(true);
	});

	it('only residents refused a public, announced meeting are told it exists', () => {
		const other = { ...meeting, communityIds: ['community-9'] };
		expect(mayKnowOfMeeting(actor('resident'), { committeeId: C, meeting: other })).toBe(true);
		expect(
			mayKnowOfMeeting(actor('resident'), {
				committeeId: C,
				meeting: { ...other, visibility: 'members' }
			})
		).toBe(false);
		expect(
			mayKnowOfMeeting(actor('resident'), {
				committeeId: C,
				meeting: { ...other, status: 'draft' }
			})
		).toBe(false);
		expect(mayKnowOfMeeting(actor('member', 'unit-2'), { committeeId: C, meeting: other })).toBe(
			false
		);
	});

	it('nobody may act in a committee they have no role in', () => {
		for (const action of ACTIONS)
			expect(can(actor('admin', null, OTHER), action, { committeeId: C })).toBe(false);
	});

	it('signed-out visitors may do nothing', () => {
		for (const action of ACTIONS) expect(can(null, action, { committeeId: C })).toBe(false);
	});

	it("a liaison may edit only their own unit's duty list", () => {
		expect(can(actor('liaison', 'unit-2'), 'unit.edit', { committeeId: C, unitId: UNIT })).toBe(
			false
		);
	});

	it('members-only and draft meetings are hidden from those not invited', () => {
		const closed = { ...meeting, visibility: 'members' as const };
		expect(can(actor('resident'), 'meeting.view', { committeeId: C, meeting: closed })).toBe(false);
		expect(
			can(actor('member', 'unit-2'), 'meeting.view', { committeeId: C, meeting: closed })
		).toBe(false);
		expect(can(actor('member', UNIT), 'meeting.view', { committeeId: C, meeting: closed })).toBe(
			true
		);
		const draft = { ...meeting, status: 'draft' };
		expect(can(actor('member', UNIT), 'meeting.view', { committeeId: C, meeting: draft })).toBe(
			false
		);
		expect(can(actor('chair'), 'meeting.view', { committeeId: C, meeting: draft })).toBe(true);
		const otherCommunity = { ...meeting, communityIds: ['community-9'] };
		expect(
			can(actor('resident'), 'meeting.view', { committeeId: C, meeting: otherCommunity })
		).toBe(false);
	});

	it('a closed meeting’s agenda is frozen, even for the chair', () => {
		expect(
			can(actor('chair'), 'agenda.edit', {
				committeeId: C,
				meeting: { ...meeting, status: 'closed' }
			})
		).toBe(false);
	});

	it('document access is write, read or none', () => {
		const scope = { committeeId: C, unitId: UNIT };
		expect(docAccess(actor('admin'), ['unit.view', scope], ['unit.edit', scope])).toBe('write');
		expect(docAccess(actor('resident'), ['unit.view', scope], ['unit.edit', scope])).toBe('read');
		expect(
			docAccess(actor('resident', null, OTHER), ['unit.view', scope], ['unit.edit', scope])
		).toBe(null);
	});
});
