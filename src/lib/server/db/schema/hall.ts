/**
 * The live hall (协商) and its record: floor state, attendance, speeches, residents' questions,
 * reactions and comments, and the minutes' status and saved versions. The minutes text itself
 * is the shared document `meeting/<id>/minutes`.
 */
import {
	blob,
	check,
	index,
	integer,
	primaryKey,
	sqliteTable,
	text
} from 'drizzle-orm/sqlite-core';
import { inList } from './check';
import { users } from './auth';
import { meetings } from './meetings';

export const QUESTION_STATUSES = ['open', 'picked', 'answered', 'hidden'] as const;
export const REACTION_KINDS = ['support', 'oppose', 'unclear'] as const;
export const MINUTES_STATUSES = ['draft', 'finalised', 'approved'] as const;

/**
 * The floor as it stands: agenda position, speaker, queue, timers. One row per meeting, the
 * whole state as JSON, written in the same transaction as the action that changed it, so an
 * acknowledged action survives a crash and a restarted server resumes the hall as it was.
 */
export const hallStates = sqliteTable('hall_state', {
	meetingId: text('meeting_id')
		.primaryKey()
		.references(() => meetings.id, { onDelete: 'cascade' }),
	version: integer('version').notNull(),
	state: text('state', { mode: 'json' }).notNull(),
	updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull()
});

/** Who attended: check-in time and how long present (joins and leaves never double-count). */
export const attendance = sqliteTable(
	'meeting_attendance',
	{
		meetingId: text('meeting_id')
			.notNull()
			.references(() => meetings.id, { onDelete: 'cascade' }),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		role: text('role').notNull(),
		unitName: text('unit_name').notNull().default(''),
		/** Counts towards quorum once checked in (the chair or a member unit's representative), as decided when first seen. */
		countsForQuorum: integer('counts_for_quorum', { mode: 'boolean' }).notNull().default(false),
		checkedInAt: integer('checked_in_at', { mode: 'timestamp_ms' }),
		firstSeenAt: integer('first_seen_at', { mode: 'timestamp_ms' }).notNull(),
		/** Time present in completed stretches; the current stretch started at `presentSince`. */
		presentMs: integer('present_ms').notNull().default(0),
		presentSince: integer('present_since', { mode: 'timestamp_ms' })
	},
	(t) => [primaryKey({ columns: [t.meetingId, t.userId] })]
);

/** The speech log: who spoke on which item, for how long. */
export const speeches = sqliteTable(
	'meeting_speech',
	{
		id: text('id').primaryKey(),
		meetingId: text('meeting_id')
			.notNull()
			.references(() => meetings.id, { onDelete: 'cascade' }),
		itemId: text('item_id'),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		pointOfOrder: integer('point_of_order', { mode: 'boolean' }).notNull().default(false),
		startedAt: integer('started_at', { mode: 'timestamp_ms' }).notNull(),
		endedAt: integer('ended_at', { mode: 'timestamp_ms' }).notNull(),
		durationMs: integer('duration_ms').notNull()
	},
	(t) => [index('meeting_speech_meeting').on(t.meetingId, t.startedAt)]
);

/** Residents' (and anyone's) questions; the id is the client's, so a retried ask is stored once. */
export const questions = sqliteTable(
	'meeting_question',
	{
		id: text('id').primaryKey(),
		meetingId: text('meeting_id')
			.notNull()
			.references(() => meetings.id, { onDelete: 'cascade' }),
		itemId: text('item_id'),
		authorId: text('author_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		body: text('body').notNull(),
		status: text('status', { enum: QUESTION_STATUSES }).notNull().default('open'),
		answer: text('answer').notNull().default(''),
		upvotes: integer('upvotes').notNull().default(0),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [
		index('meeting_question_meeting').on(t.meetingId, t.createdAt),
		check('question_status_value', inList('status', QUESTION_STATUSES))
	]
);

export const questionVotes = sqliteTable(
	'meeting_question_vote',
	{
		questionId: text('question_id')
			.notNull()
			.references(() => questions.id, { onDelete: 'cascade' }),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' })
	},
	(t) => [primaryKey({ columns: [t.questionId, t.userId] })]
);

/** One reaction per person per agenda item; changing it replaces the old one. */
export const reactions = sqliteTable(
	'meeting_reaction',
	{
		meetingId: text('meeting_id')
			.notNull()
			.references(() => meetings.id, { onDelete: 'cascade' }),
		itemId: text('item_id').notNull(),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		kind: text('kind', { enum: REACTION_KINDS }).notNull()
	},
	(t) => [
		primaryKey({ columns: [t.meetingId, t.itemId, t.userId] }),
		check('reaction_kind_value', inList('kind', REACTION_KINDS))
	]
);

/** Comments per agenda item, moderated (hidden, pinned) by the chair or the secretary. */
export const comments = sqliteTable(
	'meeting_comment',
	{
		id: text('id').primaryKey(),
		meetingId: text('meeting_id')
			.notNull()
			.references(() => meetings.id, { onDelete: 'cascade' }),
		itemId: text('item_id').notNull(),
		authorId: text('author_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		body: text('body').notNull(),
		hidden: integer('hidden', { mode: 'boolean' }).notNull().default(false),
		pinned: integer('pinned', { mode: 'boolean' }).notNull().default(false),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [index('meeting_comment_item').on(t.meetingId, t.itemId, t.createdAt)]
);

/** The minutes' status: draft → finalised (recorder) → approved (chair), then frozen and published. */
export const minutes = sqliteTable(
	'meeting_minutes',
	{
		meetingId: text('meeting_id')
			.primaryKey()
			.references(() => meetings.id, { onDelete: 'cascade' }),
		status: text('status', { enum: MINUTES_STATUSES }).notNull().default('draft'),
		finalisedBy: text('finalised_by').references(() => users.id, { onDelete: 'set null' }),
		finalisedAt: integer('finalised_at', { mode: 'timestamp_ms' }),
		approvedBy: text('approved_by').references(() => users.id, { onDelete: 'set null' }),
		approvedAt: integer('approved_at', { mode: 'timestamp_ms' }),
		/** The frozen, sanitised text as approved. */
		approvedHtml: text('approved_html'),
		approvedMarkdown: text('approved_markdown'),
		/** The document's state when approved: exports render from it, not from the live log. */
		approvedState: blob('approved_state', { mode: 'buffer' })
	},
	() => [check('minutes_status_value', inList('status', MINUTES_STATUSES))]
);

/** Named snapshots of the minutes (a frozen copy each; Yjs keeps no history of its own we rely on). */
export const minutesVersions = sqliteTable(
	'meeting_minutes_version',
	{
		id: text('id').primaryKey(),
		meetingId: text('meeting_id')
			.notNull()
			.references(() => meetings.id, { onDelete: 'cascade' }),
		name: text('name').notNull(),
		state: blob('state', { mode: 'buffer' }).notNull(),
		createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [index('meeting_minutes_version_meeting').on(t.meetingId, t.createdAt)]
);
