/**
 * Two of the three lists (三张清单) — the units' resources and the committee's projects — and the
 * open finances (阳光财务) of each project. (The third list, needs, is in needs.ts.)
 * Money is kept in fen (分) as integers: sums stay exact.
 */
import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { inList } from './check';
import { users } from './auth';
import { committees, communities, units } from './org';
import { PROJECT_STATUSES, RESOURCE_KINDS } from '../../../shared/tasks/options';

/** A resource a member unit offers (场地、食堂、设备、志愿者、资金…), seen by staff. */
export const resources = sqliteTable(
	'resource',
	{
		id: text('id').primaryKey(),
		committeeId: text('committee_id')
			.notNull()
			.references(() => committees.id, { onDelete: 'cascade' }),
		unitId: text('unit_id')
			.notNull()
			.references(() => units.id, { onDelete: 'cascade' }),
		kind: text('kind', { enum: RESOURCE_KINDS }).notNull(),
		name: text('name').notNull(),
		/** Free words: "60 seats", "20 meals a day", "5 volunteers on weekends". */
		capacity: text('capacity').notNull().default(''),
		contact: text('contact').notNull().default(''),
		/** Where it is; none: anywhere in the street. */
		communityId: text('community_id').references(() => communities.id, { onDelete: 'set null' }),
		/** Need category codes it can serve, as a JSON array (matched against a need's category). */
		categories: text('categories').notNull().default('[]'),
		note: text('note').notNull().default(''),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
		updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [
		index('resource_unit').on(t.unitId),
		index('resource_committee').on(t.committeeId, t.kind),
		check('resource_kind', inList('kind', RESOURCE_KINDS))
	]
);
export type ResourceRow = typeof resources.$inferSelect;

/** A project (项目): one aim, a budget, tasks; published on a quarter's list and claimed by a unit. */
export const projects = sqliteTable(
	'project',
	{
		id: text('id').primaryKey(),
		committeeId: text('committee_id')
			.notNull()
			.references(() => committees.id, { onDelete: 'cascade' }),
		title: text('title').notNull(),
		description: text('description').notNull().default(''),
		/** The quarter's list it is on: `2026-Q4`. */
		quarter: text('quarter').notNull(),
		/** Budget in fen. */
		budget: integer('budget').notNull().default(0),
		status: text('status', { enum: PROJECT_STATUSES }).notNull().default('draft'),
		claimedBy: text('claimed_by').references(() => units.id, { onDelete: 'set null' }),
		claimedAt: integer('claimed_at', { mode: 'timestamp_ms' }),
		publishedAt: integer('published_at', { mode: 'timestamp_ms' }),
		createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
		updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [
		index('project_quarter').on(t.committeeId, t.quarter, t.status),
		check('project_status', inList('status', PROJECT_STATUSES)),
		check('project_budget', sql.raw('budget >= 0'))
	]
);
export type ProjectRow = typeof projects.$inferSelect;

/** The communities a project serves (none: the whole street). */
export const projectCommunities = sqliteTable(
	'project_community',
	{
		projectId: text('project_id')
			.notNull()
			.references(() => projects.id, { onDelete: 'cascade' }),
		communityId: text('community_id')
			.notNull()
			.references(() => communities.id, { onDelete: 'cascade' })
	},
	(t) => [primaryKey({ columns: [t.projectId, t.communityId] })]
);

/** A spending entry against a project's budget, with its receipt (票据), published each quarter. */
export const spendings = sqliteTable(
	'spending',
	{
		id: text('id').primaryKey(),
		projectId: text('project_id')
			.notNull()
			.references(() => projects.id, { onDelete: 'cascade' }),
		/** Amount in fen. */
		amount: integer('amount').notNull(),
		item: text('item').notNull(),
		spentOn: text('spent_on').notNull(),
		/** Receipt: random file name under $DATA_DIR/uploads (photo or PDF), if one was attached. */
		receiptFile: text('receipt_file'),
		receiptMime: text('receipt_mime'),
		recordedBy: text('recorded_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [
		index('spending_project').on(t.projectId, t.spentOn),
		check('spending_amount', sql.raw('amount > 0'))
	]
);
export type SpendingRow = typeof spendings.$inferSelect;
