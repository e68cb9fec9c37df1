/** Names for the seats of a roll: people's display names and units' names, fetched in one query each. */
import { inArray } from 'drizzle-orm';
import type { DbLike } from '../db';
import { units, users } from '../db/schema';

const present = (ids: readonly (string | null | undefined)[]) => [
	...new Set(ids.filter((id): id is string => !!id))
];

export function userNames(db: DbLike, ids: readonly (string | null | undefined)[]) {
	const wanted = present(ids);
	if (!wanted.length) return new Map<string, string>();
	return new Map(
		db
			.select({ id: users.id, name: users.displayName })
			.from(users)
			.where(inArray(users.id, wanted))
			.all()
			.map((u) => [u.id, u.name])
	);
}

export function unitNames(db: DbLike, ids: readonly (string | null | undefined)[]) {
	const wanted = present(ids);
	if (!wanted.length) return new Map<string, string>();
	return new Map(
		db
			.select({ id: units.id, name: units.name })
			.from(units)
			.where(inArray(units.id, wanted))
			.all()
			.map((u) => [u.id, u.name])
	);
}
