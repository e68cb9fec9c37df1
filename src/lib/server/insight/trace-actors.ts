/**
 * Naming who took each step of a trace, as far as the viewer may know. Staff see people's names;
 * residents see role words and unit names only (their own steps excepted), so a resident can
 * follow what the committee did without learning who its staff or the other residents are.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { DbLike } from '../db';
import { roleAssignments, units, users } from '../db/schema';
import { isStaff, type Actor } from '../../shared/permissions';
import { ROLES, type Role } from '../../shared/roles';
import type { TraceActor } from '../../shared/ratings/trace';

/** A step's author before naming: the person and, where known, the unit they acted for. */
export interface RawActor {
	userId: string | null;
	unitId?: string | null;
	/** The role the step was taken in, when the step itself says (a rating: resident). */
	role?: Role;
}

export interface ActorNamer {
	name(raw: RawActor | null): TraceActor | null;
	unitName(unitId: string | null | undefined): string | null;
}

// The role that best says what someone does for the committee: the secretary before a
// representative, any staff role before resident.
const RANK: Role[] = ['admin', 'chair', 'supervisor', 'recorder', 'liaison', 'member', 'resident'];
const rank = (r: Role) => (RANK.indexOf(r) >= 0 ? RANK.indexOf(r) : ROLES.length);

export function actorNamer(
	db: DbLike,
	viewer: Actor,
	committeeId: string,
	raws: (RawActor | null)[]
): ActorNamer {
	const staff = isStaff(viewer, committeeId);
	const userIds = [...new Set(raws.map((r) => r?.userId).filter((u): u is string => !!u))];
	const grants = userIds.length
		? db
				.select()
				.from(roleAssignments)
				.where(
					and(
						eq(roleAssignments.committeeId, committeeId),
						inArray(roleAssignments.userId, userIds)
					)
				)
				.all()
		: [];
	const names = new Map(
		staff && userIds.length
			? db
					.select({ id: users.id, name: users.displayName })
					.from(users)
					.where(inArray(users.id, userIds))
					.all()
					.map((u) => [u.id, u.name])
			: []
	);
	if (!staff && userIds.includes(viewer.userId)) {
		const me = db.select().from(users).where(eq(users.id, viewer.userId)).get();
		if (me) names.set(me.id, me.displayName);
	}
	const unitIds = [
		...new Set(
			[...grants.map((g) => g.unitId), ...raws.map((r) => r?.unitId)].filter(
				(u): u is string => !!u
			)
		)
	];
	const unitNames = new Map(
		unitIds.length
			? db
					.select({ id: units.id, name: units.name })
					.from(units)
					.where(inArray(units.id, unitIds))
					.all()
					.map((u) => [u.id, u.name])
			: []
	);
	const unitName = (id: string | null | undefined) => (id ? (unitNames.get(id) ?? null) : null);
	return {
		unitName,
		name(raw) {
			if (!raw?.userId) return null;
			const mine = grants
				.filter((g) => g.userId === raw.userId)
				.sort((a, b) => rank(a.role) - rank(b.role));
			const grant = raw.role ? mine.find((g) => g.role === raw.role) : mine[0];
			return {
				role: raw.role ?? grant?.role ?? null,
				unit: unitName(raw.unitId ?? grant?.unitId),
				name: names.get(raw.userId) ?? null
			};
		}
	};
}
