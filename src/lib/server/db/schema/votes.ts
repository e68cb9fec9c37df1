/**
 * Decisions: motions and their text history, votes, the roll of who may vote, the ballot box,
 * proxies, and the resolutions adopted motions become.
 *
 * Secrecy is in the shape of the tables: the roll (`vote_roll`) says who voted, the box
 * (`ballot`) holds what was chosen, and nothing joins them for a secret vote. The box is a
 * WITHOUT ROWID table keyed by a random id, so neither a row id nor the stored order says when a
 * ballot arrived, and it has no timestamp. The voter's own tracking code is kept on their roll
 * row only encrypted with the data key (a database dump does not link them).
 */
import { sql } from 'drizzle-orm';
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
import { meetings } from './meetings';
import { committees } from './org';
import { BALLOT_ORIGINS, ELECTORATES, VOTE_PER, VOTE_STATUSES } from '../../../shared/votes/view';
import { METHODS } from '../../../shared/votes/methods';

export const MOTION_STATUSES = [
	'draft',
	'voting',
	'adopted',
	'rejected',
	'inquorate',
	'tie',
	'withdrawn'
] as const;

/** A motion (动议/议案) on an agenda item, or on its own for a poll between meetings. */
export const motions = sqliteTable(
	'motion',
	{
		id: text('id').primaryKey(),
		committeeId: text('committee_id')
			.notNull()
			.references(() => committees.id, { onDelete: 'cascade' }),
		meetingId: text('meeting_id').references(() => meetings.id, { onDelete: 'cascade' }),
		itemId: text('item_id'),
		title: text('title').notNull(),
		text: text('text').notNull(),
		status: text('status', { enum: MOTION_STATUSES }).notNull().default('draft'),
		/** Why it was not adopted (a message key), once its vote is counted. */
		reason: text('reason').notNull().default(''),
		createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
		updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [
		index('motion_meeting').on(t.meetingId, t.itemId),
		check('motion_status_value', inList('status', MOTION_STATUSES))
	]
);
export type Motion = typeof motions.$inferSelect;

/** Every text a motion has had, oldest first: amendments until its vote opens. */
export const motionRevisions = sqliteTable(
	'motion_revision',
	{
		id: text('id').primaryKey(),
		motionId: text('motion_id')
			.notNull()
			.references(() => motions.id, { onDelete: 'cascade' }),
		text: text('text').notNull(),
		authorId: text('author_id').references(() => users.id, { onDelete: 'set null' }),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [index('motion_revision_motion').on(t.motionId, t.createdAt)]
);

/** A vote in a meeting (meetingId set) or an asynchronous poll (meetingId null). */
export const votes = sqliteTable(
	'vote',
	{
		id: text('id').primaryKey(),
		committeeId: text('committee_id')
			.notNull()
			.references(() => committees.id, { onDelete: 'cascade' }),
		meetingId: text('meeting_id').references(() => meetings.id, { onDelete: 'cascade' }),
		itemId: text('item_id'),
		motionId: text('motion_id').references(() => motions.id, { onDelete: 'set null' }),
		title: text('title').notNull(),
		method: text('method', { enum: METHODS }).notNull(),
		/** How it is counted: the counting core's VoteSpec (options with labels, quorum, threshold). */
		spec: text('spec', { mode: 'json' }).notNull(),
		secret: integer('secret', { mode: 'boolean' }).notNull(),
		trackingCodes: integer('tracking_codes', { mode: 'boolean' }).notNull().default(true),
		liveResults: integer('live_results', { mode: 'boolean' }).notNull().default(false),
		electorate: text('electorate', { enum: ELECTORATES }).notNull(),
		communityIds: text('community_ids', { mode: 'json' }).notNull().default('[]'),
		per: text('per', { enum: VOTE_PER }).notNull().default('person'),
		status: text('status', { enum: VOTE_STATUSES }).notNull().default('draft'),
		openedAt: integer('opened_at', { mode: 'timestamp_ms' }),
		closesAt: integer('closes_at', { mode: 'timestamp_ms' }),
		closedAt: integer('closed_at', { mode: 'timestamp_ms' }),
		/** Checked in at the hall when it opened (meeting votes). */
		presentCount: integer('present_count').notNull().default(0),
		/** The frozen result (VoteResult without the view's extras), written once at close. */
		result: text('result', { mode: 'json' }),
		resultHash: text('result_hash'),
		/** After a tie: the chair's casting vote or a re-vote (TieDecision). */
		decision: text('decision', { mode: 'json' }),
		revoteOf: text('revote_of'),
		createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [
		index('vote_meeting').on(t.meetingId, t.createdAt),
		index('vote_committee').on(t.committeeId, t.status, t.closesAt),
		check('vote_method_value', inList('method', METHODS)),
		check('vote_status_value', inList('status', VOTE_STATUSES)),
		check('vote_electorate_value', inList('electorate', ELECTORATES)),
		check('vote_per_value', inList('per', VOTE_PER)),
		check('vote_closed_has_result', sql.raw(`status <> 'closed' or result is not null`))
	]
);
export type VoteRow = typeof votes.$inferSelect;

/**
 * The roll: one row per seat (a person, or a member unit when the committee votes per unit),
 * fixed when the vote opens. `cast_at` is set once, by a conditional update: that is what makes
 * a second ballot from the same seat impossible however the requests race.
 */
export const voteRoll = sqliteTable(
	'vote_roll',
	{
		voteId: text('vote_id')
			.notNull()
			.references(() => votes.id, { onDelete: 'cascade' }),
		/** `u:<userId>` or `unit:<unitId>`. */
		seat: text('seat').notNull(),
		/** The person the seat belongs to (a unit's seat: null, any of its members may cast). */
		userId: text('user_id').references(() => users.id, { onDelete: 'cascade' }),
		unitId: text('unit_id'),
		/** Who holds this seat's vote by proxy for the meeting. */
		proxyId: text('proxy_id').references(() => users.id, { onDelete: 'set null' }),
		present: integer('present', { mode: 'boolean' }).notNull().default(false),
		castAt: integer('cast_at', { mode: 'timestamp_ms' }),
		castBy: text('cast_by').references(() => users.id, { onDelete: 'set null' }),
		origin: text('origin', { enum: BALLOT_ORIGINS }),
		/** Named votes only: the ballot this seat cast. Always null for a secret vote. */
		ballotId: text('ballot_id'),
		/** The seat's tracking code, encrypted with the data key (shown only to the voter). */
		receipt: blob('receipt', { mode: 'buffer' })
	},
	(t) => [
		primaryKey({ columns: [t.voteId, t.seat] }),
		index('vote_roll_user').on(t.userId),
		index('vote_roll_proxy').on(t.proxyId),
		check(
			'vote_roll_origin_value',
			sql.raw(`origin is null or origin in ('online', 'proxy', 'room')`)
		)
	]
);

/** The ballot box. No voter, no time; the primary key is random (see the file comment). */
export const ballots = sqliteTable(
	'ballot',
	{
		id: text('id').notNull(),
		voteId: text('vote_id')
			.notNull()
			.references(() => votes.id, { onDelete: 'cascade' }),
		/** The ballot as cast (the counting core's shape). */
		choice: text('choice', { mode: 'json' }).notNull(),
		trackingCode: text('tracking_code'),
		origin: text('origin', { enum: BALLOT_ORIGINS }).notNull()
	},
	(t) => [
		primaryKey({ columns: [t.voteId, t.id] }),
		uniqueIndex('ballot_tracking_code').on(t.voteId, t.trackingCode),
		check('ballot_origin_value', inList('origin', BALLOT_ORIGINS))
	]
);

/** A member handing their vote to another member for one meeting. */
export const voteProxies = sqliteTable(
	'vote_proxy',
	{
		meetingId: text('meeting_id')
			.notNull()
			.references(() => meetings.id, { onDelete: 'cascade' }),
		fromUserId: text('from_user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		toUserId: text('to_user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [
		primaryKey({ columns: [t.meetingId, t.fromUserId] }),
		check('vote_proxy_not_self', sql.raw('from_user_id <> to_user_id'))
	]
);

/** An adopted decision (决议), numbered per committee per year: `2026-012`. */
export const resolutions = sqliteTable(
	'resolution',
	{
		id: text('id').primaryKey(),
		committeeId: text('committee_id')
			.notNull()
			.references(() => committees.id, { onDelete: 'cascade' }),
		year: integer('year').notNull(),
		seq: integer('seq').notNull(),
		number: text('number').notNull(),
		title: text('title').notNull(),
		text: text('text').notNull(),
		voteId: text('vote_id')
			.notNull()
			.unique()
			.references(() => votes.id, { onDelete: 'cascade' }),
		motionId: text('motion_id').references(() => motions.id, { onDelete: 'set null' }),
		meetingId: text('meeting_id').references(() => meetings.id, { onDelete: 'set null' }),
		itemId: text('item_id'),
		optionId: text('option_id'),
		byCastingVote: integer('by_casting_vote', { mode: 'boolean' }).notNull().default(false),
		adoptedAt: integer('adopted_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [
		uniqueIndex('resolution_number').on(t.committeeId, t.year, t.seq),
		index('resolution_meeting').on(t.meetingId)
	]
);
export type ResolutionRow = typeof resolutions.$inferSelect;

/** The residents' needs a resolution answers (those on its agenda item when it was adopted). */
export const resolutionNeeds = sqliteTable(
	'resolution_need',
	{
		resolutionId: text('resolution_id')
			.notNull()
			.references(() => resolutions.id, { onDelete: 'cascade' }),
		needId: text('need_id').notNull()
	},
	(t) => [
		primaryKey({ columns: [t.resolutionId, t.needId] }),
		index('resolution_need_need').on(t.needId)
	]
);
