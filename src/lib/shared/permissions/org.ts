/** The committee and its organisation: communities, grids, member units and their duty lists, people and roles, who is online. */
import { any, has, type Rule } from './rule';

export const ORG_ACTIONS = [
	'committee.view',
	'presence.join',
	'unit.view',
	'org.view',
	'org.manage',
	'people.view',
	'unit.edit'
] as const;
export type OrgAction = (typeof ORG_ACTIONS)[number];

export const orgRules: Record<OrgAction, Rule> = {
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
		has(g, 'admin') || g.some((r) => r.role === 'liaison' && r.unitId === s.unitId)
};
