/**
 * How a person appears in the hall (name, top role, unit) and whether they count towards quorum.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../db';
import { units, users } from '../db/schema';
import { countsTowardsQuorum, type Participant } from '../../shared/hall';
import type { Actor } from '../../shared/permissions';
import type { Role } from '../../shared/roles';

const ROLE_RANK: Role[] = [
	'chair',
	'admin',
	'recorder',
	'member',
	'liaison',
	'supervisor',
	'resident'
];

export function describe(db: Db, actor: Actor, committeeId: string): Participant {
	const user = db
		.select({ name: users.displayName })
		.from(users)
		.where(eq(users.id, actor.userId))
		.get();
	const grants = actor.roles.filter((r) => r.committeeId === committeeId);
	const top = [...grants].sort((a, b) => ROLE_RANK.indexOf(a.role) - ROLE_RANK.indexOf(b.role))[0];
	const unitId = grants.find((g) => g.unitId)?.unitId;
	const unitName = unitId
		? (db.select({ name: units.name }).from(units).where(eq(units.id, unitId)).get()?.name ?? '')
		: '';
	return {
		userId: actor.userId,
		name: user?.name ?? '',
		role: top?.role ?? 'resident',
		unitName,
		checkedIn: false
	};
}

export function countsForQuorum(actor: Actor, committeeId: string): boolean {
	return countsTowardsQuorum(
		actor.roles.filter((r) => r.committeeId === committeeId).map((r) => r.role)
	);
}
