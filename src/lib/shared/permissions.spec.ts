import { describe, expect, it } from 'vitest';
import { ACTIONS, can, docAccess, type Action, type Actor } from './permissions';
import { ROLES, type Role } from './roles';

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
	'need.submit': [...ROLES],
	'need.support': ['resident'],
	'need.manage': ['admin', 'liaison'],
	'need.viewPrivate': ['admin', 'liaison', 'supervisor'],
	'need.revealPhone': ['admin', 'liaison']
};

describe('permission matrix', () => {
	for (const action of ACTIONS) {
		for (const role of ROLES) {
			const allowed = expected[action].includes(role);
			it(`${role} ${allowed ? 'may' : 'may not'} ${action}`, () => {
				const a = actor(role, role === 'member' || role === 'liaison' ? UNIT : null);
				expect(can(a, action, { committeeId: C, unitId: UNIT })).toBe(allowed);
			});
		}
	}

	it('nobody may act in a committee they have no role in', () => {
		for (const action of ACTIONS) expect(can(actor('admin', null, OTHER), action, { committeeId: C })).toBe(false);
	});

	it('signed-out visitors may do nothing', () => {
		for (const action of ACTIONS) expect(can(null, action, { committeeId: C })).toBe(false);
	});

	it("a liaison may edit only their own unit's duty list", () => {
		expect(can(actor('liaison', 'unit-2'), 'unit.edit', { committeeId: C, unitId: UNIT })).toBe(false);
	});

	it('document access is write, read or none', () => {
		const scope = { committeeId: C, unitId: UNIT };
		expect(docAccess(actor('admin'), ['unit.view', scope], ['unit.edit', scope])).toBe('write');
		expect(docAccess(actor('resident'), ['unit.view', scope], ['unit.edit', scope])).toBe('read');
		expect(docAccess(actor('resident', null, OTHER), ['unit.view', scope], ['unit.edit', scope])).toBe(null);
	});
});
