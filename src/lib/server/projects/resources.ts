/**
 * The resource list (资源清单): what each member unit can offer — venues, canteens, equipment,
 * volunteers, funds — with capacity and contact. Kept by the unit's liaisons and member
 * representatives (and the secretary), read by the committee's staff.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db, DbLike } from '../db';
import { newId } from '../db/ids';
import { communities, needCategories, resources, units, type ResourceRow } from '../db/schema';
import { AppError, forbidden, notFound } from '../errors';
import { audit, committeeChain } from '../platform/audit';
import { can, type Actor } from '../../shared/permissions';
import {
	resourceInput,
	resourcePatch,
	type ResourceInput,
	type ResourcePatch
} from '../../shared/schemas/projects';
import type { ResourceView } from '../../shared/projects/view';
import { parseInput } from '../errors';
import { resourceFor } from './access';

function unitRow(db: DbLike, unitId: string) {
	const u = db.select().from(units).where(eq(units.id, unitId)).get();
	if (!u) throw notFound();
	return u;
}

/** Community and categories must be the committee's own: named wrongly, the field says so. */
function checkPlaces(
	db: DbLike,
	committeeId: string,
	input: { communityId?: string | null; categories?: string[] }
) {
	if (input.communityId) {
		const c = db
			.select({ id: communities.id })
			.from(communities)
			.where(and(eq(communities.id, input.communityId), eq(communities.committeeId, committeeId)))
			.get();
		if (!c) throw new AppError(422, 'err.validation', { communityId: ['err.choose'] });
	}
	const codes = [...new Set(input.categories ?? [])];
	if (codes.length) {
		const known = db
			.select({ code: needCategories.code })
			.from(needCategories)
			.where(and(eq(needCategories.committeeId, committeeId), inArray(needCategories.code, codes)))
			.all();
		if (known.length !== codes.length)
			throw new AppError(422, 'err.validation', { categories: ['err.choose'] });
	}
}

/** Rows → views, with unit and community names in one query each. */
export function toResourceViews(db: DbLike, rows: ResourceRow[]): ResourceView[] {
	const unitIds = [...new Set(rows.map((r) => r.unitId))];
	const comIds = [...new Set(rows.map((r) => r.communityId).filter((c): c is string => !!c))];
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
	const comNames = new Map(
		comIds.length
			? db
					.select({ id: communities.id, name: communities.name })
					.from(communities)
					.where(inArray(communities.id, comIds))
					.all()
					.map((c) => [c.id, c.name])
			: []
	);
	return rows.map((r) => ({
		id: r.id,
		unitId: r.unitId,
		unitName: unitNames.get(r.unitId) ?? '',
		kind: r.kind,
		name: r.name,
		capacity: r.capacity,
		contact: r.contact,
		communityId: r.communityId,
		communityName: r.communityId ? (comNames.get(r.communityId) ?? null) : null,
		categories: parseCategories(r.categories),
		note: r.note,
		updatedAt: r.updatedAt.getTime()
	}));
}

export function parseCategories(json: string): string[] {
	try {
		const v: unknown = JSON.parse(json);
		return Array.isArray(v) ? v.filter((c): c is string => typeof c === 'string') : [];
	} catch {
		return [];
	}
}

/** A unit's resource list, for the committee's staff. */
export function listResources(db: Db, actor: Actor, unitId: string): ResourceView[] {
	const u = unitRow(db, unitId);
	if (!can(actor, 'resource.view', { committeeId: u.committeeId })) throw notFound();
	const rows = db
		.select()
		.from(resources)
		.where(eq(resources.unitId, unitId))
		.orderBy(asc(resources.kind), asc(resources.name))
		.all();
	return toResourceViews(db, rows);
}

export function mayManageResources(db: Db, actor: Actor, unitId: string): boolean {
	const u = unitRow(db, unitId);
	return can(actor, 'resource.manage', { committeeId: u.committeeId, unitId });
}

export function addResource(db: Db, actor: Actor, unitId: string, raw: ResourceInput): string {
	const input = parseInput(resourceInput, raw);
	const u = unitRow(db, unitId);
	if (!can(actor, 'resource.view', { committeeId: u.committeeId })) throw notFound();
	if (!can(actor, 'resource.manage', { committeeId: u.committeeId, unitId })) throw forbidden();
	checkPlaces(db, u.committeeId, input);
	const now = new Date();
	const id = newId();
	db.transaction((tx) => {
		tx.insert(resources)
			.values({
				id,
				committeeId: u.committeeId,
				unitId,
				kind: input.kind,
				name: input.name,
				capacity: input.capacity,
				contact: input.contact,
				communityId: input.communityId ?? null,
				categories: JSON.stringify([...new Set(input.categories)]),
				note: input.note,
				createdAt: now,
				updatedAt: now
			})
			.run();
		audit(tx, actor.userId, 'resource.add', id, { unitId }, committeeChain(u.committeeId));
	});
	return id;
}

export function editResource(db: Db, actor: Actor, id: string, raw: ResourcePatch): void {
	const patch = parseInput(resourcePatch, raw);
	const r = resourceFor(db, actor, id, true);
	checkPlaces(db, r.committeeId, patch);
	const { categories, ...rest } = patch;
	db.transaction((tx) => {
		tx.update(resources)
			.set({
				...rest,
				...(categories ? { categories: JSON.stringify([...new Set(categories)]) } : {}),
				updatedAt: new Date()
			})
			.where(eq(resources.id, id))
			.run();
		audit(tx, actor.userId, 'resource.edit', id, {}, committeeChain(r.committeeId));
	});
}

export function removeResource(db: Db, actor: Actor, id: string): void {
	const r = resourceFor(db, actor, id, true);
	db.transaction((tx) => {
		tx.delete(resources).where(eq(resources.id, id)).run();
		audit(tx, actor.userId, 'resource.remove', id, { name: r.name }, committeeChain(r.committeeId));
	});
}
