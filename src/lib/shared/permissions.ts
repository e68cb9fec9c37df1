/**
 * Who may do what: the one permission module. Pages, API routes, socket handlers and the Yjs
 * server all ask `can()`; the browser uses the same rules only to hide what the server refuses.
 * Pure functions over the actor's roles: no I/O here.
 */
import type { Role } from './roles';

export interface RoleGrant {
	committeeId: string;
	role: Role;
	unitId: string | null;
	communityId: string | null;
}

export interface Actor {
	userId: string;
	roles: RoleGrant[];
}

/** What an action is about: always a committee, sometimes one unit or community in it. */
export interface Scope {
	committeeId: string;
	unitId?: string;
	communityId?: string;
	/** For meeting actions: who the meeting is for. */
	meeting?: MeetingScope;
}

export interface MeetingScope {
	visibility: 'members' | 'public';
	status: string;
	unitIds: string[];
	userIds: string[];
	/** Public meetings: the communities whose residents may attend (none listed: all). */
	communityIds: string[];
	/** The minutes' status (draft until finalised and approved). */
	minutes?: 'draft' | 'finalised' | 'approved';
	/** Public meetings: whether residents may ask to speak (off unless the meeting says so). */
	residentsMaySpeak?: boolean;
}

export const ACTIONS = [
	'committee.view',
	'org.view',
	'org.manage',
	'people.view',
	'unit.view',
	'unit.edit',
	'presence.join',
	'need.submit',
	'need.support',
	'need.manage',
	'need.viewQueue',
	'need.viewPrivate',
	'need.revealPhone',
	'meeting.create',
	'meeting.manage',
	'meeting.view',
	'agenda.edit',
	'hall.join',
	'hall.checkIn',
	'hall.participate',
	'hall.speak',
	'hall.pointOfOrder',
	'hall.chair',
	'hall.moderate',
	'minutes.view',
	'minutes.versions',
	'minutes.edit',
	'minutes.finalise',
	'minutes.approve'
] as const;
export type Action = (typeof ACTIONS)[number];

type Rule = (grants: RoleGrant[], scope: Scope, userId: string) => boolean;

const has = (grants: RoleGrant[], ...roles: Role[]) => grants.some((g) => roles.includes(g.role));
const any: Rule = (grants) => grants.length > 0;
const staff: Role[] = ['admin', 'chair', 'member', 'liaison', 'recorder', 'supervisor'];

const rules: Record<Action, Rule> = {
	// Anyone with a role in the committee, residents included.
	'committee.view': any,
	'presence.join': any,
	'unit.view': any,
	// Communities, grids and units as lists: everyone in the committee; residents need them to register needs.
	'org.view': any,
	// Communities, grids, units, people, roles and invite codes: the secretary.
	'org.manage': (g) => has(g, 'admin'),
	// The list of people with their roles: the secretary and supervisors (read-only).
	'people.view': (g) => has(g, 'admin', 'supervisor'),
	// A unit's duty list: the secretary, or a liaison of that very unit.
	'unit.edit': (g, s) =>
		has(g, 'admin') || g.some((r) => r.role === 'liaison' && r.unitId === s.unitId),
	// Needs are raised by residents, and by the staff who enter them on a resident's behalf (代办).
	// Supervisors observe; chairs, members and recorders deliberate on needs rather than raise them.
	'need.submit': (g) => has(g, 'resident', 'admin', 'liaison'),
	// Residents support needs (附议).
	'need.support': (g) => has(g, 'resident'),
	// Accept, decline, merge, enter on a resident's behalf (代办): the secretary and liaisons
	// (grid workers act as their unit's liaisons).
	'need.manage': (g) => has(g, 'admin', 'liaison'),
	// How many needs wait for acceptance and how many are overdue: those who accept them, and
	// the chair and supervisors who answer for the 24-hour promise.
	'need.viewQueue': (g) => has(g, 'admin', 'liaison', 'chair', 'supervisor'),
	// Private needs are seen by staff who handle or supervise them, and by their submitter.
	'need.viewPrivate': (g) => has(g, 'admin', 'liaison', 'supervisor'),
	'need.revealPhone': (g) => has(g, 'admin', 'liaison'),
	// Meetings are called and run by the secretary and the chair.
	'meeting.create': (g) => has(g, 'admin', 'chair'),
	'meeting.manage': (g) => has(g, 'admin', 'chair'),
	'meeting.view': (g, s, userId) => {
		const m = s.meeting;
		if (!m) return false;
		if (has(g, 'admin', 'chair', 'recorder', 'supervisor')) return true;
		if (m.status === 'draft') return false;
		if (invited(g, m, userId)) return true;
		return (
			m.visibility === 'public' &&
			g.some((r) => r.role === 'resident' && (m.communityIds.length === 0 || (!!r.communityId && m.communityIds.includes(r.communityId))))
		);
	},
	// The agenda is co-edited by the secretary, the chair and invited members, until the meeting closes.
	'agenda.edit': (g, s, userId) => {
		const m = s.meeting;
		if (!m || m.status === 'closed' || m.status === 'cancelled') return false;
		if (has(g, 'admin', 'chair')) return true;
		return g.some((r) => r.role === 'member' || r.role === 'recorder') && invited(g, m, userId);
	},
	// The hall: everyone who may see the meeting may enter it, once it is announced.
	'hall.join': (g, s, userId) => !!s.meeting && !['draft', 'cancelled'].includes(s.meeting.status) && rules['meeting.view'](g, s, userId),
	// Attendance (签到) is for the committee's side: those who run the meeting and those invited to
	// it. Supervisors observe: in the hall they follow everything and act on nothing.
	'hall.checkIn': (g, s, userId) => {
		const a = acting(g);
		return !!s.meeting && s.meeting.status === 'live' && (has(a, 'admin', 'chair', 'recorder') || invited(a, s.meeting, userId));
	},
	// Ask, react, comment, upvote: anyone in the hall while the meeting is live (supervisors only watch).
	'hall.participate': (g, s, userId) => !!s.meeting && s.meeting.status === 'live' && rules['meeting.view'](acting(g), s, userId),
	// Ask to speak (举手发言): the committee's side; residents only where the meeting allows it.
	'hall.speak': (g, s, userId) => rules['hall.participate'](g, s, userId) && (committeeSide(acting(g), s.meeting!, userId) || !!s.meeting!.residentsMaySpeak),
	// A point of order (程序动议) is about how the meeting is run: never offered to residents.
	'hall.pointOfOrder': (g, s, userId) => rules['hall.participate'](g, s, userId) && committeeSide(acting(g), s.meeting!, userId),
	// Floor control and the agenda position: the chair (and the secretary standing in).
	'hall.chair': (g) => has(g, 'admin', 'chair'),
	// Picking, answering, hiding and pinning residents' questions and comments.
	'hall.moderate': (g) => has(g, 'admin', 'chair'),
	// Minutes: read along live by those running or invited; residents read them once approved.
	'minutes.view': (g, s, userId) => {
		const m = s.meeting;
		if (!m || m.status === 'draft' || m.status === 'cancelled') return false;
		if (has(g, 'admin', 'chair', 'recorder', 'supervisor') || invited(g, m, userId)) return true;
		return m.minutes === 'approved' && rules['meeting.view'](g, s, userId);
	},
	// Draft versions and comparing them: the committee's side only; the public reads the approved text.
	'minutes.versions': (g, s, userId) => {
		const m = s.meeting;
		return !!m && rules['minutes.view'](g, s, userId) && (has(g, 'supervisor') || committeeSide(g, m, userId));
	},
	// Written by the recorder(s) and the chair while the meeting runs or after, until finalised.
	'minutes.edit': (g, s) => !!s.meeting && ['live', 'closed'].includes(s.meeting.status) && (s.meeting.minutes ?? 'draft') === 'draft' && has(g, 'recorder', 'chair'),
	'minutes.finalise': (g, s) => !!s.meeting && ['live', 'closed'].includes(s.meeting.status) && (s.meeting.minutes ?? 'draft') === 'draft' && has(g, 'recorder'),
	// The chair approves finalised minutes (or sends them back); approved minutes are frozen.
	'minutes.approve': (g, s) => !!s.meeting && s.meeting.minutes === 'finalised' && has(g, 'chair')
};

/** The grants a person acts with in a hall: a supervisor observes, so that role alone allows no action. */
const acting = (g: RoleGrant[]) => g.filter((r) => r.role !== 'supervisor');

/** Those who run the meeting or are invited to it, as opposed to the public audience. */
function committeeSide(g: RoleGrant[], m: MeetingScope, userId: string): boolean {
	return has(g, 'admin', 'chair', 'recorder') || invited(g, m, userId);
}

/**
 * Someone refused a meeting's hall or minutes who may know it exists: a resident of the
 * committee and a public meeting that has been announced (residents of other communities see
 * it on notices). They are told why; others are answered as if there were no such meeting.
 */
export function mayKnowOfMeeting(actor: Actor | null | undefined, scope: Scope): boolean {
	const m = scope.meeting;
	if (!actor || !m || m.visibility !== 'public' || m.status === 'draft' || m.status === 'cancelled') return false;
	return actor.roles.some((r) => r.committeeId === scope.committeeId && r.role === 'resident');
}

/** Is the person invited, themselves or through their unit? */
function invited(g: RoleGrant[], m: MeetingScope, userId: string): boolean {
	return m.userIds.includes(userId) || g.some((r) => !!r.unitId && (r.role === 'member' || r.role === 'liaison') && m.unitIds.includes(r.unitId));
}

/** May `actor` do `action` within `scope`? Unknown or signed-out actors may do nothing. */
export function can(actor: Actor | null | undefined, action: Action, scope: Scope): boolean {
	if (!actor) return false;
	const grants = actor.roles.filter((r) => r.committeeId === scope.committeeId);
	if (grants.length === 0) return false;
	return rules[action](grants, scope, actor.userId);
}

/** Is the actor staff (any role but resident) in the committee? */
export function isStaff(actor: Actor | null | undefined, committeeId: string): boolean {
	return !!actor?.roles.some((r) => r.committeeId === committeeId && staff.includes(r.role));
}

export type DocAccess = 'write' | 'read' | null;

/** Access to a shared document, from the actions it maps to. */
export function docAccess(
	actor: Actor | null | undefined,
	read: [Action, Scope],
	write: [Action, Scope]
): DocAccess {
	if (can(actor, ...write)) return 'write';
	if (can(actor, ...read)) return 'read';
	return null;
}
