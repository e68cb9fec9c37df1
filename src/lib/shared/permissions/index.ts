/**
 * Who may do what: the one permission module. Pages, API routes, socket handlers and the Yjs
 * server all ask `can()`; the browser uses the same rules only to hide what the server refuses.
 * Each domain keeps its rules in its own file here (org, needs, meetings, hall, minutes, votes, tasks), each
 * checked by the compiler to cover exactly its actions. Pure functions over the actor's roles:
 * no I/O here.
 */
import { accountRules, type AccountAction } from './account';
import { hallRules, type HallAction } from './hall';
import { meetingRules, type MeetingAction } from './meetings';
import { minutesRules, type MinutesAction } from './minutes';
import { needRules, type NeedAction } from './needs';
import { orgRules, type OrgAction } from './org';
import { taskRules, type TaskAction } from './tasks';
import { voteRules, type VoteAction } from './votes';
import type { Actor, Rule, Scope } from './rule';
import type { Role } from '../roles';

export type { Actor, MeetingScope, RoleGrant, Scope, TaskScope } from './rule';

export type Action =
	| OrgAction
	| AccountAction
	| NeedAction
	| MeetingAction
	| HallAction
	| MinutesAction
	| VoteAction
	| TaskAction;

const rules: Record<Action, Rule> = {
	...orgRules,
	...accountRules,
	...needRules,
	...meetingRules,
	...hallRules,
	...minutesRules,
	...voteRules,
	...taskRules
};

/** Every action, domain by domain. (Built from the rules, so the lists above stay types only and out of the browser's bundle.) */
export const ACTIONS = /* @__PURE__ */ Object.keys(rules) as Action[];

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
