import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { users } from './auth';
import { ROLES } from '../../../shared/roles';
import { UNIT_TYPES } from '../../../shared/schemas/org';
import { VOTE_PER } from '../../../shared/votes/view';

/** A committee (大工委) of one street (街道). */
export const committees = sqliteTable('committee', {
	id: text('id').primaryKey(),
	name: text('name').notNull(),
	street: text('street').notNull(),
	/** One vote per person, or one per member unit (copied onto each vote when it is created). */
	votePer: text('vote_per', { enum: VOTE_PER }).notNull().default('person'),
	createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull()
});
export type Committee = typeof committees.$inferSelect;

export const communities = sqliteTable(
	'community',
	{
		id: text('id').primaryKey(),
		committeeId: text('committee_id')
			.notNull()
			.references(() => committees.id, { onDelete: 'cascade' }),
		name: text('name').notNull(),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [uniqueIndex('community_name').on(t.committeeId, t.name)]
);
export type Community = typeof communities.$inferSelect;

export const grids = sqliteTable(
	'grid',
	{
		id: text('id').primaryKey(),
		communityId: text('community_id')
			.notNull()
			.references(() => communities.id, { onDelete: 'cascade' }),
		name: text('name').notNull(),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [uniqueIndex('grid_name').on(t.communityId, t.name)]
);
export type Grid = typeof grids.$inferSelect;

/** Member units (成员单位). Their duty list (履职清单) is a shared Yjs document, `unit/<id>/duties`. */
export const units = sqliteTable(
	'unit',
	{
		id: text('id').primaryKey(),
		committeeId: text('committee_id')
			.notNull()
			.references(() => committees.id, { onDelete: 'cascade' }),
		name: text('name').notNull(),
		type: text('type', { enum: UNIT_TYPES }).notNull(),
		contactName: text('contact_name').notNull().default(''),
		contactPhone: text('contact_phone').notNull().default(''),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [
		uniqueIndex('unit_name').on(t.committeeId, t.name),
		check('unit_type', sql.raw(`type in (${UNIT_TYPES.map((u) => `'${u}'`).join(', ')})`))
	]
);
export type Unit = typeof units.$inferSelect;

/**
 * A person's role in a committee. Member and liaison roles name their unit; resident roles
 * name their community (and grid, when known).
 */
export const roleAssignments = sqliteTable(
	'role_assignment',
	{
		id: text('id').primaryKey(),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		committeeId: text('committee_id')
			.notNull()
			.references(() => committees.id, { onDelete: 'cascade' }),
		role: text('role', { enum: ROLES }).notNull(),
		unitId: text('unit_id').references(() => units.id, { onDelete: 'cascade' }),
		communityId: text('community_id').references(() => communities.id, { onDelete: 'set null' }),
		gridId: text('grid_id').references(() => grids.id, { onDelete: 'set null' }),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [
		uniqueIndex('role_once').on(t.userId, t.committeeId, t.role),
		index('role_committee').on(t.committeeId, t.role),
		check('role_value', sql.raw(`role in (${ROLES.map((r) => `'${r}'`).join(', ')})`)),
		check('role_unit', sql.raw(`(role in ('member', 'liaison')) = (unit_id is not null)`))
	]
);
export type RoleAssignment = typeof roleAssignments.$inferSelect;

/** Invite codes with which residents of a community register themselves. */
export const inviteCodes = sqliteTable(
	'invite_code',
	{
		id: text('id').primaryKey(),
		code: text('code').notNull().unique(),
		committeeId: text('committee_id')
			.notNull()
			.references(() => committees.id, { onDelete: 'cascade' }),
		communityId: text('community_id')
			.notNull()
			.references(() => communities.id, { onDelete: 'cascade' }),
		createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
		maxUses: integer('max_uses').notNull(),
		uses: integer('uses').notNull().default(0),
		expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
		revokedAt: integer('revoked_at', { mode: 'timestamp_ms' }),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull()
	},
	() => [check('invite_uses', sql.raw('uses <= max_uses'))]
);
export type InviteCode = typeof inviteCodes.$inferSelect;
