/**
 * The shapes every permission rule works with, and the small predicates the domains' rule files
 * share. Pure: no I/O.
 */
import type { Role } from '../roles';

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
	/** For vote actions outside a meeting (polls): who the poll asks. */
	vote?: { electorate: 'present' | 'members' | 'residents' };
	/** For task actions: the units on the task, and whether residents may follow it. */
	task?: TaskScope;
	/** For ratings: whether the person raised or supported the need. */
	need?: { mine: boolean };
}

export interface TaskScope {
	leadUnitId: string;
	/** The lead unit and the co-units. */
	unitIds: string[];
	/** Answers a public need or a resolution residents may see. */
	public: boolean;
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

/** A rule: given the actor's grants in the scope's committee, may they act? */
export type Rule = (grants: RoleGrant[], scope: Scope, userId: string) => boolean;

export const has = (grants: RoleGrant[], ...roles: Role[]) =>
	grants.some((g) => roles.includes(g.role));
export const any: Rule = (grants) => grants.length > 0;

/** The grants a person acts with in a hall: a supervisor observes, so that role alone allows no action. */
export const acting = (g: RoleGrant[]) => g.filter((r) => r.role !== 'supervisor');

/** Is the person invited, themselves or through their unit? */
export function invited(g: RoleGrant[], m: MeetingScope, userId: string): boolean {
	return (
		m.userIds.includes(userId) ||
		g.some(
			(r) =>
				!!r.unitId && (r.role === 'member' || r.role === 'liaison') && m.unitIds.includes(r.unitId)
		)
	);
}

/** Those who run the meeting or are invited to it, as opposed to the public audience. */
export function committeeSide(g: RoleGrant[], m: MeetingScope, userId: string): boolean {
	return has(g, 'admin', 'chair', 'recorder') || invited(g, m, userId);
}
