import {
	blob,
	check,
	index,
	integer,
	primaryKey,
	sqliteTable,
	text,
	uniqueIndex
} from 'drizzle-orm/sqlite-core';
import { inList } from './check';
import { users } from './auth';
import { committees, communities, grids } from './org';
import { NEED_CHANNELS, NEED_STATUSES, NEED_VISIBILITY } from '../../../shared/schemas/needs';

/** A committee's need categories (configurable; seeded with the defaults). */
export const needCategories = sqliteTable(
	'need_category',
	{
		id: text('id').primaryKey(),
		committeeId: text('committee_id')
			.notNull()
			.references(() => committees.id, { onDelete: 'cascade' }),
		code: text('code').notNull(),
		nameZh: text('name_zh').notNull(),
		nameEn: text('name_en').notNull(),
		sort: integer('sort').notNull().default(0)
	},
	(t) => [uniqueIndex('need_category_code').on(t.committeeId, t.code)]
);
export type NeedCategory = typeof needCategories.$inferSelect;

/**
 * A need (需求). The contact phone is stored only encrypted (AES-256-GCM, the row bound in as
 * associated data) plus a masked form for lists; see src/lib/server/crypto/pii.ts.
 */
export const needs = sqliteTable(
	'need',
	{
		id: text('id').primaryKey(),
		committeeId: text('committee_id')
			.notNull()
			.references(() => committees.id, { onDelete: 'cascade' }),
		communityId: text('community_id').references(() => communities.id, { onDelete: 'set null' }),
		gridId: text('grid_id').references(() => grids.id, { onDelete: 'set null' }),
		title: text('title').notNull(),
		description: text('description').notNull(),
		category: text('category').notNull(),
		location: text('location').notNull().default(''),
		visibility: text('visibility', { enum: NEED_VISIBILITY }).notNull(),
		status: text('status', { enum: NEED_STATUSES }).notNull().default('submitted'),
		/** The resident's account, when they have one (null for some needs entered on their behalf). */
		submittedBy: text('submitted_by').references(() => users.id, { onDelete: 'set null' }),
		/** The staff member who entered it on the resident's behalf (代办), if any. */
		enteredBy: text('entered_by').references(() => users.id, { onDelete: 'set null' }),
		channel: text('channel', { enum: NEED_CHANNELS }).notNull().default('online'),
		contactName: text('contact_name').notNull().default(''),
		contactPhoneEnc: blob('contact_phone_enc', { mode: 'buffer' }),
		contactPhoneMasked: text('contact_phone_masked').notNull().default(''),
		mergedInto: text('merged_into'),
		declineReason: text('decline_reason'),
		supportCount: integer('support_count').notNull().default(0),
		/** Pinyin search keys of the title (src/lib/server/needs/pinyin.ts), written by the app; indexed by need_pinyin. */
		titlePinyin: text('title_pinyin').notNull().default(''),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
		updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
		/** Staff must accept or decline before this time (default 24 h after submission). */
		respondBy: integer('respond_by', { mode: 'timestamp_ms' }).notNull(),
		respondedAt: integer('responded_at', { mode: 'timestamp_ms' })
	},
	(t) => [
		// The board walks this newest-first (or oldest-first) and stops after a page; visibility is
		// checked per row (the resident's filter is "public or mine", which no index serves).
		index('need_board').on(t.committeeId, t.createdAt),
		index('need_support_sort').on(t.committeeId, t.supportCount),
		index('need_status').on(t.committeeId, t.status, t.createdAt),
		index('need_submitter').on(t.submittedBy),
		check('need_status_value', inList('status', NEED_STATUSES)),
		check('need_visibility_value', inList('visibility', NEED_VISIBILITY)),
		check('need_channel_value', inList('channel', NEED_CHANNELS))
	]
);
export type Need = typeof needs.$inferSelect;

/** One support (附议) per person per need. */
export const needSupports = sqliteTable(
	'need_support',
	{
		needId: text('need_id')
			.notNull()
			.references(() => needs.id, { onDelete: 'cascade' }),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [primaryKey({ columns: [t.needId, t.userId] }), index('need_support_user').on(t.userId)]
);

export const needPhotos = sqliteTable('need_photo', {
	id: text('id').primaryKey(),
	needId: text('need_id')
		.notNull()
		.references(() => needs.id, { onDelete: 'cascade' }),
	/** Random file name under $DATA_DIR/uploads. */
	file: text('file').notNull(),
	mime: text('mime').notNull(),
	bytes: integer('bytes').notNull(),
	createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull()
});
export type NeedPhoto = typeof needPhotos.$inferSelect;

/** The need's timeline: every change, who made it and when; visible to the submitter. */
export const needEvents = sqliteTable(
	'need_event',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		needId: text('need_id')
			.notNull()
			.references(() => needs.id, { onDelete: 'cascade' }),
		at: integer('at', { mode: 'timestamp_ms' }).notNull(),
		actorId: text('actor_id').references(() => users.id, { onDelete: 'set null' }),
		kind: text('kind').notNull(),
		detail: text('detail').notNull().default('{}')
	},
	(t) => [index('need_event_need').on(t.needId, t.id)]
);
export type NeedEvent = typeof needEvents.$inferSelect;

/** In-app notifications (the notification centre). */
export const notifications = sqliteTable(
	'notification',
	{
		id: text('id').primaryKey(),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		kind: text('kind').notNull(),
		/** Message parameters (JSON); the text is made from the catalogue in the reader's language. */
		params: text('params').notNull().default('{}'),
		link: text('link').notNull(),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
		readAt: integer('read_at', { mode: 'timestamp_ms' })
	},
	(t) => [index('notification_user').on(t.userId, t.readAt, t.createdAt)]
);
export type Notification = typeof notifications.$inferSelect;
