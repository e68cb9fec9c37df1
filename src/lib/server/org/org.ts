/**
 * The committee's organisation: communities and grids, member units, people and their roles,
 * invite codes. Every verb checks permission through the permission module and records an
 * audit entry in the same transaction as its change.
 */
import { and, asc, eq, gt, inArray } from 'drizzle-orm';
import { randomInt } from 'node:crypto';
import * as Y from 'yjs';
import type { z } from 'zod';
import type { Db, DbLike } from '../db';
import { newId } from '../db/ids';
import {
	committees,
	communities,
	grids,
	inviteCodes,
	roleAssignments,
	units,
	users,
	type Unit
} from '../db/schema';
import { AppError, forbidden, notFound } from '../errors';
import { hashPassword } from '../auth/password';
import { readStoredDoc, writeNewDoc } from '../docs/store';
import { getHub } from '../platform/hub';
import { can, type Actor, type Action } from '../../shared/permissions';
import type { OrgEntity } from '../../shared/events';
import type {
	communityInput,
	gridInput,
	inviteInput,
	personInput,
	roleInput,
	unitInput,
	unitPatch
} from '../../shared/schemas/org';
import { audit, committeeChain } from '../platform/audit';
import { committeeRoom } from '../../shared/rooms';
import { DUTIES_TEXT, unitDutiesDoc } from '../../shared/doc-names';

function require(actor: Actor, action: Action, committeeId: string, unitId?: string) {
	if (!can(actor, action, { committeeId, unitId })) throw forbidden();
}

function changed(committeeId: string, entity: OrgEntity, id: string) {
	getHub().emit(committeeRoom(committeeId), 'org:changed', { committeeId, entity, id });
}

/** The committee a person works in: the one of their first role. */
export function primaryCommitteeId(actor: Actor | null): string | null {
	return actor?.roles[0]?.committeeId ?? null;
}

/** The committee a signed-in person belongs to first, by id and name (for the page header); null for none. */
export function committeeHeading(db: Db, actor: Actor | null): { id: string; name: string } | null {
	const committeeId = primaryCommitteeId(actor);
	if (!committeeId) return null;
	return (
		db
			.select({ id: committees.id, name: committees.name })
			.from(committees)
			.where(eq(committees.id, committeeId))
			.get() ?? null
	);
}

export function getCommittee(db: Db, actor: Actor, committeeId: string) {
	require(actor, 'committee.view', committeeId);
	const c = db.select().from(committees).where(eq(committees.id, committeeId)).get();
	if (!c) throw notFound();
	return c;
}

/** One vote per person or per member unit: applies to votes created from now on. */
export function setVotePer(db: Db, actor: Actor, committeeId: string, votePer: 'person' | 'unit') {
	require(actor, 'org.manage', committeeId);
	db.transaction((tx) => {
		tx.update(committees).set({ votePer }).where(eq(committees.id, committeeId)).run();
		audit(
			tx,
			actor.userId,
			'committee.votePer',
			committeeId,
			{ votePer },
			committeeChain(committeeId)
		);
	});
	return getCommittee(db, actor, committeeId);
}

export function listCommunities(db: Db, actor: Actor, committeeId: string) {
	require(actor, 'org.view', committeeId);
	const cs = db
		.select()
		.from(communities)
		.where(eq(communities.committeeId, committeeId))
		.orderBy(asc(communities.name))
		.all();
	const gs = cs.length
		? db
				.select()
				.from(grids)
				.where(
					inArray(
						grids.communityId,
						cs.map((c) => c.id)
					)
				)
				.orderBy(asc(grids.name))
				.all()
		: [];
	return cs.map((c) => ({ ...c, grids: gs.filter((g) => g.communityId === c.id) }));
}

export function createCommunity(
	db: Db,
	actor: Actor,
	committeeId: string,
	input: z.infer<typeof communityInput>
) {
	require(actor, 'org.manage', committeeId);
	const row = { id: newId(), committeeId, name: input.name, createdAt: new Date() };
	db.transaction(
		(tx) => {
			if (
				tx
					.select()
					.from(communities)
					.where(and(eq(communities.committeeId, committeeId), eq(communities.name, input.name)))
					.get()
			) {
				throw new AppError(409, 'err.validation', { name: ['err.nameTaken'] });
			}
			tx.insert(communities).values(row).run();
			audit(
				tx,
				actor.userId,
				'community.create',
				`community:${row.id}`,
				{ name: input.name },
				committeeChain(committeeId)
			);
		},
		{ behavior: 'immediate' }
	);
	changed(committeeId, 'community', row.id);
	return row;
}

export function createGrid(
	db: Db,
	actor: Actor,
	committeeId: string,
	input: z.infer<typeof gridInput>
) {
	require(actor, 'org.manage', committeeId);
	const row = {
		id: newId(),
		communityId: input.communityId,
		name: input.name,
		createdAt: new Date()
	};
	db.transaction(
		(tx) => {
			const c = tx.select().from(communities).where(eq(communities.id, input.communityId)).get();
			if (!c || c.committeeId !== committeeId)
				throw new AppError(422, 'err.validation', { communityId: ['err.choose'] });
			if (
				tx
					.select()
					.from(grids)
					.where(and(eq(grids.communityId, c.id), eq(grids.name, input.name)))
					.get()
			) {
				throw new AppError(409, 'err.validation', { name: ['err.nameTaken'] });
			}
			tx.insert(grids).values(row).run();
			audit(
				tx,
				actor.userId,
				'grid.create',
				`grid:${row.id}`,
				{ name: input.name },
				committeeChain(committeeId)
			);
		},
		{ behavior: 'immediate' }
	);
	changed(committeeId, 'grid', row.id);
	return row;
}

export type UnitView = Unit & { dutyList: string; liaisons: { id: string; displayName: string }[] };

function unitLiaisons(db: Db, unitIds: string[]) {
	if (!unitIds.length) return [];
	return db
		.select({ unitId: roleAssignments.unitId, id: users.id, displayName: users.displayName })
		.from(roleAssignments)
		.innerJoin(users, eq(users.id, roleAssignments.userId))
		.where(and(eq(roleAssignments.role, 'liaison'), inArray(roleAssignments.unitId, unitIds)))
		.all();
}

export function listUnits(
	db: Db,
	actor: Actor,
	committeeId: string,
	page: { limit: number; cursor?: string }
) {
	require(actor, 'unit.view', committeeId);
	const rows = db
		.select()
		.from(units)
		.where(
			and(eq(units.committeeId, committeeId), page.cursor ? gt(units.id, page.cursor) : undefined)
		)
		.orderBy(asc(units.id))
		.limit(page.limit + 1)
		.all();
	const items = rows.slice(0, page.limit);
	const liaisons = unitLiaisons(
		db,
		items.map((u) => u.id)
	);
	return {
		items: items.map((u) => ({
			...u,
			liaisons: liaisons
				.filter((l) => l.unitId === u.id)
				.map(({ id, displayName }) => ({ id, displayName }))
		})),
		nextCursor: rows.length > page.limit ? (items.at(-1)?.id ?? null) : null
	};
}

export function getUnit(db: Db, actor: Actor, unitId: string): UnitView {
	const unit = db.select().from(units).where(eq(units.id, unitId)).get();
	if (!unit || !can(actor, 'unit.view', { committeeId: unit.committeeId, unitId }))
		throw notFound();
	const doc = readStoredDoc(db, unitDutiesDoc(unitId));
	const dutyList = doc.getText(DUTIES_TEXT).toString();
	doc.destroy();
	const liaisons = unitLiaisons(db, [unitId]).map(({ id, displayName }) => ({ id, displayName }));
	return { ...unit, dutyList, liaisons };
}

export function createUnit(
	db: Db,
	actor: Actor,
	committeeId: string,
	input: z.infer<typeof unitInput>
) {
	require(actor, 'org.manage', committeeId);
	const { dutyList, ...fields } = input;
	const row: Unit = { id: newId(), committeeId, ...fields, createdAt: new Date() };
	db.transaction(
		(tx) => {
			if (
				tx
					.select()
					.from(units)
					.where(and(eq(units.committeeId, committeeId), eq(units.name, input.name)))
					.get()
			) {
				throw new AppError(409, 'err.validation', { name: ['err.nameTaken'] });
			}
			tx.insert(units).values(row).run();
			writeNewDoc(tx, unitDutiesDoc(row.id), (d: Y.Doc) =>
				d.getText(DUTIES_TEXT).insert(0, dutyList)
			);
			audit(
				tx,
				actor.userId,
				'unit.create',
				`unit:${row.id}`,
				{ name: input.name },
				committeeChain(committeeId)
			);
		},
		{ behavior: 'immediate' }
	);
	changed(committeeId, 'unit', row.id);
	return getUnit(db, actor, row.id);
}

export function updateUnit(db: Db, actor: Actor, unitId: string, patch: z.infer<typeof unitPatch>) {
	const unit = db.select().from(units).where(eq(units.id, unitId)).get();
	if (!unit || !can(actor, 'unit.view', { committeeId: unit.committeeId, unitId }))
		throw notFound();
	require(actor, 'org.manage', unit.committeeId);
	db.transaction(
		(tx) => {
			if (
				patch.name &&
				patch.name !== unit.name &&
				tx
					.select()
					.from(units)
					.where(and(eq(units.committeeId, unit.committeeId), eq(units.name, patch.name)))
					.get()
			) {
				throw new AppError(409, 'err.validation', { name: ['err.nameTaken'] });
			}
			if (Object.keys(patch).length) tx.update(units).set(patch).where(eq(units.id, unitId)).run();
			audit(
				tx,
				actor.userId,
				'unit.update',
				`unit:${unitId}`,
				patch,
				committeeChain(unit.committeeId)
			);
		},
		{ behavior: 'immediate' }
	);
	changed(unit.committeeId, 'unit', unitId);
	return getUnit(db, actor, unitId);
}

export function listPeople(db: Db, actor: Actor, committeeId: string) {
	require(actor, 'people.view', committeeId);
	const rows = db
		.select({
			user: users,
			role: roleAssignments,
			unitName: units.name,
			communityName: communities.name
		})
		.from(roleAssignments)
		.innerJoin(users, eq(users.id, roleAssignments.userId))
		.leftJoin(units, eq(units.id, roleAssignments.unitId))
		.leftJoin(communities, eq(communities.id, roleAssignments.communityId))
		.where(eq(roleAssignments.committeeId, committeeId))
		.orderBy(asc(users.login))
		.all();
	const people = new Map<
		string,
		{
			id: string;
			login: string;
			displayName: string;
			disabled: boolean;
			roles: {
				id: string;
				role: string;
				unitId: string | null;
				unitName: string | null;
				communityName: string | null;
			}[];
		}
	>();
	for (const r of rows) {
		const p = people.get(r.user.id) ?? {
			id: r.user.id,
			login: r.user.login,
			displayName: r.user.displayName,
			disabled: r.user.disabled,
			roles: []
		};
		p.roles.push({
			id: r.role.id,
			role: r.role.role,
			unitId: r.role.unitId,
			unitName: r.unitName,
			communityName: r.communityName
		});
		people.set(r.user.id, p);
	}
	return [...people.values()];
}

/** Create an account for someone (a member's representative, a liaison, staff). Roles are granted separately. */
export async function createPerson(
	db: Db,
	actor: Actor,
	committeeId: string,
	input: z.infer<typeof personInput>
) {
	require(actor, 'org.manage', committeeId);
	const passwordHash = await hashPassword(input.password);
	const login = input.login.toLowerCase();
	const id = newId();
	db.transaction(
		(tx) => {
			if (tx.select({ id: users.id }).from(users).where(eq(users.login, login)).get()) {
				throw new AppError(409, 'err.validation', { login: ['err.loginTaken'] });
			}
			tx.insert(users)
				.values({ id, login, displayName: input.displayName, passwordHash, createdAt: new Date() })
				.run();
			audit(
				tx,
				actor.userId,
				'person.create',
				`user:${id}`,
				{ login },
				committeeChain(committeeId)
			);
			// The account and its first role together: a person without a role would not be listed anywhere.
			if (input.role)
				grantInTx(tx, actor, committeeId, {
					userId: id,
					role: input.role,
					unitId: input.unitId,
					communityId: input.communityId
				});
		},
		{ behavior: 'immediate' }
	);
	changed(committeeId, 'person', id);
	return { id, login, displayName: input.displayName };
}

export function assignRole(
	db: Db,
	actor: Actor,
	committeeId: string,
	input: z.infer<typeof roleInput>
) {
	require(actor, 'org.manage', committeeId);
	const id = db.transaction((tx) => grantInTx(tx, actor, committeeId, input), {
		behavior: 'immediate'
	});
	// Open connections re-authenticate so the new role applies to them at once.
	getHub().userRevoked(input.userId);
	changed(committeeId, 'person', input.userId);
	return { id };
}

function grantInTx(
	tx: DbLike,
	actor: Actor,
	committeeId: string,
	input: z.infer<typeof roleInput>
): string {
	const id = newId();
	{
		if (!tx.select({ id: users.id }).from(users).where(eq(users.id, input.userId)).get()) {
			throw new AppError(422, 'err.validation', { userId: ['err.choose'] });
		}
		if (input.unitId) {
			const u = tx.select().from(units).where(eq(units.id, input.unitId)).get();
			if (!u || u.committeeId !== committeeId)
				throw new AppError(422, 'err.validation', { unitId: ['err.choose'] });
		}
		if (input.communityId) {
			const c = tx.select().from(communities).where(eq(communities.id, input.communityId)).get();
			if (!c || c.committeeId !== committeeId)
				throw new AppError(422, 'err.validation', { communityId: ['err.choose'] });
		}
		const existing = tx
			.select()
			.from(roleAssignments)
			.where(
				and(
					eq(roleAssignments.userId, input.userId),
					eq(roleAssignments.committeeId, committeeId),
					eq(roleAssignments.role, input.role)
				)
			)
			.get();
		if (existing) throw new AppError(409, 'err.validation', { role: ['err.roleHeld'] });
		tx.insert(roleAssignments)
			.values({
				id,
				userId: input.userId,
				committeeId,
				role: input.role,
				unitId: input.unitId ?? null,
				communityId: input.communityId ?? null,
				gridId: null,
				createdAt: new Date()
			})
			.run();
		audit(
			tx,
			actor.userId,
			'role.assign',
			`user:${input.userId}`,
			{ role: input.role, unitId: input.unitId ?? null },
			committeeChain(committeeId)
		);
	}
	return id;
}

export function removeRole(db: Db, actor: Actor, committeeId: string, roleId: string) {
	require(actor, 'org.manage', committeeId);
	const role = db.select().from(roleAssignments).where(eq(roleAssignments.id, roleId)).get();
	if (!role || role.committeeId !== committeeId) throw notFound();
	if (role.userId === actor.userId && role.role === 'admin')
		throw new AppError(409, 'err.ownAdminRole');
	db.transaction(
		(tx) => {
			tx.delete(roleAssignments).where(eq(roleAssignments.id, roleId)).run();
			audit(
				tx,
				actor.userId,
				'role.remove',
				`user:${role.userId}`,
				{ role: role.role },
				committeeChain(committeeId)
			);
		},
		{ behavior: 'immediate' }
	);
	getHub().userRevoked(role.userId);
	changed(committeeId, 'person', role.userId);
}

// Without 0/O and 1/I/L: codes are read aloud and typed by older residents.
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

function inviteCode(): string {
	let s = '';
	for (let i = 0; i < 8; i++) s += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
	return s;
}

export function createInvite(
	db: Db,
	actor: Actor,
	committeeId: string,
	input: z.infer<typeof inviteInput>
) {
	require(actor, 'org.manage', committeeId);
	const now = Date.now();
	const row = {
		id: newId(),
		code: inviteCode(),
		committeeId,
		communityId: input.communityId,
		createdBy: actor.userId,
		maxUses: input.maxUses,
		uses: 0,
		expiresAt: new Date(now + input.validDays * 86_400_000),
		revokedAt: null,
		createdAt: new Date(now)
	};
	db.transaction(
		(tx) => {
			const c = tx.select().from(communities).where(eq(communities.id, input.communityId)).get();
			if (!c || c.committeeId !== committeeId)
				throw new AppError(422, 'err.validation', { communityId: ['err.choose'] });
			tx.insert(inviteCodes).values(row).run();
			audit(
				tx,
				actor.userId,
				'invite.create',
				`invite:${row.id}`,
				{ communityId: input.communityId },
				committeeChain(committeeId)
			);
		},
		{ behavior: 'immediate' }
	);
	changed(committeeId, 'invite', row.id);
	return row;
}

export function listInvites(db: Db, actor: Actor, committeeId: string) {
	require(actor, 'org.manage', committeeId);
	return db
		.select({ invite: inviteCodes, communityName: communities.name })
		.from(inviteCodes)
		.innerJoin(communities, eq(communities.id, inviteCodes.communityId))
		.where(eq(inviteCodes.committeeId, committeeId))
		.orderBy(asc(inviteCodes.createdAt))
		.all()
		.map((r) => ({ ...r.invite, communityName: r.communityName }));
}

export function revokeInvite(db: Db, actor: Actor, committeeId: string, inviteId: string) {
	require(actor, 'org.manage', committeeId);
	const r = db
		.update(inviteCodes)
		.set({ revokedAt: new Date() })
		.where(and(eq(inviteCodes.id, inviteId), eq(inviteCodes.committeeId, committeeId)))
		.run();
	if (!r.changes) throw notFound();
	audit(db, actor.userId, 'invite.revoke', `invite:${inviteId}`, {}, committeeChain(committeeId));
	changed(committeeId, 'invite', inviteId);
}

/** The committee an API call acts on: the caller's. Someone with no role anywhere may do nothing. */
export function committeeOf(actor: Actor): string {
	const id = primaryCommitteeId(actor);
	if (!id) throw forbidden();
	return id;
}
