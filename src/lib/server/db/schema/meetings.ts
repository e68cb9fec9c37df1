import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { inList } from './check';
import { users } from './auth';
import { committees, communities, units } from './org';
import {
	MEETING_STATUSES,
	MEETING_TYPES,
	MEETING_VISIBILITY
} from '../../../shared/schemas/meetings';

/** A meeting. Its agenda is the shared document `meeting/<id>/agenda`. */
export const meetings = sqliteTable(
	'meeting',
	{
		id: text('id').primaryKey(),
		committeeId: text('committee_id')
			.notNull()
			.references(() => committees.id, { onDelete: 'cascade' }),
		type: text('type', { enum: MEETING_TYPES }).notNull(),
		title: text('title').notNull(),
		startsAt: integer('starts_at', { mode: 'timestamp_ms' }).notNull(),
		endsAt: integer('ends_at', { mode: 'timestamp_ms' }).notNull(),
		place: text('place').notNull().default(''),
		videoUrl: text('video_url').notNull().default(''),
		visibility: text('visibility', { enum: MEETING_VISIBILITY }).notNull(),
		quorum: integer('quorum').notNull().default(0),
		/** Public meetings: whether residents may ask to speak (举手发言). Off unless the meeting says so. */
		residentsMaySpeak: integer('residents_may_speak', { mode: 'boolean' }).notNull().default(false),
		status: text('status', { enum: MEETING_STATUSES }).notNull().default('draft'),
		/** Bumped on every change, for calendar SEQUENCE. */
		sequence: integer('sequence').notNull().default(0),
		createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
		updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [
		index('meeting_time').on(t.committeeId, t.startsAt),
		check('meeting_type_value', inList('type', MEETING_TYPES)),
		check('meeting_status_value', inList('status', MEETING_STATUSES)),
		check('meeting_visibility_value', inList('visibility', MEETING_VISIBILITY)),
		check('meeting_times', sql.raw('ends_at > starts_at'))
	]
);
export type Meeting = typeof meetings.$inferSelect;

export const meetingUnits = sqliteTable(
	'meeting_unit',
	{
		meetingId: text('meeting_id')
			.notNull()
			.references(() => meetings.id, { onDelete: 'cascade' }),
		unitId: text('unit_id')
			.notNull()
			.references(() => units.id, { onDelete: 'cascade' })
	},
	(t) => [primaryKey({ columns: [t.meetingId, t.unitId] })]
);

export const meetingPeople = sqliteTable(
	'meeting_person',
	{
		meetingId: text('meeting_id')
			.notNull()
			.references(() => meetings.id, { onDelete: 'cascade' }),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' })
	},
	(t) => [
		primaryKey({ columns: [t.meetingId, t.userId] }),
		index('meeting_person_user').on(t.userId)
	]
);

/** For public meetings: the communities whose residents may attend. */
export const meetingCommunities = sqliteTable(
	'meeting_community',
	{
		meetingId: text('meeting_id')
			.notNull()
			.references(() => meetings.id, { onDelete: 'cascade' }),
		communityId: text('community_id')
			.notNull()
			.references(() => communities.id, { onDelete: 'cascade' })
	},
	(t) => [primaryKey({ columns: [t.meetingId, t.communityId] })]
);

/** Which needs are on which agenda item (the item itself lives in the agenda document). */
export const agendaNeeds = sqliteTable(
	'agenda_need',
	{
		meetingId: text('meeting_id')
			.notNull()
			.references(() => meetings.id, { onDelete: 'cascade' }),
		itemId: text('item_id').notNull(),
		needId: text('need_id').notNull()
	},
	(t) => [primaryKey({ columns: [t.meetingId, t.needId] }), index('agenda_need_need').on(t.needId)]
);

/** The secret of a person's calendar feed URL (only its SHA-256 is stored). */
export const calendarTokens = sqliteTable('calendar_token', {
	userId: text('user_id')
		.primaryKey()
		.references(() => users.id, { onDelete: 'cascade' }),
	tokenHash: text('token_hash').notNull().unique(),
	createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull()
});
