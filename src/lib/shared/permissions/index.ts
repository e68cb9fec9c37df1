/**
 * Who may do what: the one permission module. Pages, API routes, socket handlers and the Yjs
 * server all ask `can()`; the browser uses the same rules only to hide what the server refuses.
 * Each domain keeps its rules in its own file here (org, needs, meetings, hall, minutes), each
 * checked by the compiler to cover exactly its actions. Pure functions over the actor's roles:
 * no I/O here.
 */
import { HALL_ACTIONS, hallRules } from './hall';
import { MEETING_ACTIONS, meetingRules } from './meetings';
import { MINUTES_ACTIONS, minutesRules } from './minutes';
import { NEED_ACTIONS, needRules } from './needs';
import { ORG_ACTIONS, orgRules } from './org';
import type { Actor, Rule, Scope } from './rule';
import type { Role } from '../roles';

export type { Actor, MeetingScope, RoleGrant, Scope } from './rule';

export const ACTIONS = [
	...ORG_ACTIONS,
	...NEED_ACTIONS,
	...MEETING_ACTIONS,
	...HALL_ACTIONS,
	...MINUTES_ACTIONS
] as const;
export type Action = (typeof ACTIONS)[number];

const rules = {
	...orgRules,
	...needRules,
	...meetingRules,
	...hallRules,
	...minutesRules
} satisfies Record<Action, Rule>;

const staff: Role[] = ['admin', 'chair', 'member', 'liaison', 'recorder', 'supervisor'];

/**
 * Someone refused a meeting's hall or minutes who may know it exists: a resident of the
 * committee and a public meeting that has been announced (residents of other communities see
 * it on notices). They are told why; others are answered as if there were no such meeting.
 */
export function mayKnowOfMeeting(actor: Actor | null | undefined, scope: Scope): boolean {
	const m = scope.meeting;
	if (!actor || !m || m.visibility !== 'public' || m.status === 'draft' || m.status === 'cancelled')
		return false;
	return actor.roles.some((r) => r.committeeId === scope.committeeId && r.role === 'resident');
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
