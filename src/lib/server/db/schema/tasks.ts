/**
 * Execution and supervision (派单 · 接单 · 验收 · 督办 · 评单): tasks dispatched from resolutions or
 * straight from needs, the units that carry them out, their timeline, progress reports with
 * files, summons (街道吹哨、部门报到), supervision notices (督办单) and residents' ratings.
 *
 * Times that the scheduler watches (`acceptBy`, `dueAt`, a notice's `replyBy`) live on the rows
 * themselves, so lateness is always read from the database, whatever happened to the process.
 */
import { sql } from 'drizzle-orm';
import {
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
import { needs } from './needs';
import { committees, units } from './org';
import { resolutions } from './votes';
import { projects } from './projects';
import { RATING_CHANNELS, TASK_STATUSES, TASK_UNIT_ROLES } from '../../../shared/tasks/options';

/** A task (任务/工单): one piece of work a lead unit must accept, carry out and hand in. */
export const tasks = sqliteTable(
	'task',
	{
		id: text('id').primaryKey(),
		committeeId: text('committee_id')
			.notNull()
			.references(() => committees.id, { onDelete: 'cascade' }),
		title: text('title').notNull(),
		description: text('description').notNull().default(''),
		resolutionId: text('resolution_id').references(() => resolutions.id, {
			onDelete: 'set null'
		}),
		projectId: text('project_id').references(() => projects.id, { onDelete: 'set null' }),
		/** Denormalised from task_unit (role lead): the supervision list filters and sorts by it. */
		leadUnitId: text('lead_unit_id')
			.notNull()
			.references(() => units.id, { onDelete: 'restrict' }),
		status: text('status', { enum: TASK_STATUSES }).notNull().default('pending'),
		/** Latest reported progress, 0–100. */
		progress: integer('progress').notNull().default(0),
		acceptHours: integer('accept_hours').notNull(),
		acceptBy: integer('accept_by', { mode: 'timestamp_ms' }).notNull(),
		dueAt: integer('due_at', { mode: 'timestamp_ms' }).notNull(),
		acceptedAt: integer('accepted_at', { mode: 'timestamp_ms' }),
		submittedAt: integer('submitted_at', { mode: 'timestamp_ms' }),
		/** Approved as done (验收通过). */
		doneAt: integer('done_at', { mode: 'timestamp_ms' }),
		createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
		updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [
		// Status and due time first (overdue, due soon); lead unit and id make the supervision
		// list's filter and page read from the index alone.
		index('task_status_due_unit').on(t.committeeId, t.status, t.dueAt, t.leadUnitId, t.id),
		index('task_lead').on(t.leadUnitId, t.status),
		index('task_resolution').on(t.resolutionId),
		index('task_project').on(t.projectId),
		index('task_created').on(t.committeeId, t.createdAt),
		check('task_status_value', inList('status', TASK_STATUSES)),
		check('task_progress', sql.raw('progress between 0 and 100'))
	]
);
export type TaskRow = typeof tasks.$inferSelect;

/** The units on a task: one lead, any co-units; each accepts (or returns) on its own row. */
export const taskUnits = sqliteTable(
	'task_unit',
	{
		taskId: text('task_id')
			.notNull()
			.references(() => tasks.id, { onDelete: 'cascade' }),
		unitId: text('unit_id')
			.notNull()
			.references(() => units.id, { onDelete: 'cascade' }),
		role: text('role', { enum: TASK_UNIT_ROLES }).notNull(),
		acceptedAt: integer('accepted_at', { mode: 'timestamp_ms' }),
		acceptedBy: text('accepted_by').references(() => users.id, { onDelete: 'set null' }),
		returnedAt: integer('returned_at', { mode: 'timestamp_ms' }),
		returnReason: text('return_reason')
	},
	(t) => [
		primaryKey({ columns: [t.taskId, t.unitId] }),
		index('task_unit_unit').on(t.unitId),
		check('task_unit_role', inList('role', TASK_UNIT_ROLES))
	]
);
export type TaskUnitRow = typeof taskUnits.$inferSelect;

/** The needs a task answers (from its resolution, or the need it was dispatched from). */
export const taskNeeds = sqliteTable(
	'task_need',
	{
		taskId: text('task_id')
			.notNull()
			.references(() => tasks.id, { onDelete: 'cascade' }),
		needId: text('need_id')
			.notNull()
			.references(() => needs.id, { onDelete: 'cascade' })
	},
	(t) => [primaryKey({ columns: [t.taskId, t.needId] }), index('task_need_need').on(t.needId)]
);

/** A task's timeline: every step, who and when (kinds: TASK_EVENT_KINDS). */
export const taskEvents = sqliteTable(
	'task_event',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		taskId: text('task_id')
			.notNull()
			.references(() => tasks.id, { onDelete: 'cascade' }),
		at: integer('at', { mode: 'timestamp_ms' }).notNull(),
		actorId: text('actor_id').references(() => users.id, { onDelete: 'set null' }),
		/** The unit the actor acted for, where there is one. */
		unitId: text('unit_id').references(() => units.id, { onDelete: 'set null' }),
		kind: text('kind').notNull(),
		detail: text('detail').notNull().default('{}')
	},
	(t) => [index('task_event_task').on(t.taskId, t.at), index('task_event_kind').on(t.kind, t.at)]
);
export type TaskEventRow = typeof taskEvents.$inferSelect;

/** Progress reports (进展): a unit's percentage and words, with photos or files. */
export const taskReports = sqliteTable(
	'task_report',
	{
		id: text('id').primaryKey(),
		taskId: text('task_id')
			.notNull()
			.references(() => tasks.id, { onDelete: 'cascade' }),
		unitId: text('unit_id').references(() => units.id, { onDelete: 'set null' }),
		authorId: text('author_id').references(() => users.id, { onDelete: 'set null' }),
		progress: integer('progress').notNull(),
		text: text('text').notNull(),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [
		index('task_report_task').on(t.taskId, t.createdAt),
		check('task_report_progress', sql.raw('progress between 0 and 100'))
	]
);
export type TaskReportRow = typeof taskReports.$inferSelect;

/** Files of a report (the upload rules of needs: type sniffed, size capped, random names). */
export const taskReportFiles = sqliteTable(
	'task_report_file',
	{
		id: text('id').primaryKey(),
		reportId: text('report_id')
			.notNull()
			.references(() => taskReports.id, { onDelete: 'cascade' }),
		/** Random file name under $DATA_DIR/uploads. */
		file: text('file').notNull(),
		mime: text('mime').notNull(),
		bytes: integer('bytes').notNull(),
		/** The name the file had on the uploader's device, shown for documents. */
		name: text('name').notNull().default(''),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [index('task_report_file_report').on(t.reportId)]
);
export type TaskReportFileRow = typeof taskReportFiles.$inferSelect;

/** A summons (街道吹哨): units called to an urgent matter, each to respond within hours. */
export const summonses = sqliteTable(
	'summons',
	{
		id: text('id').primaryKey(),
		committeeId: text('committee_id')
			.notNull()
			.references(() => committees.id, { onDelete: 'cascade' }),
		title: text('title').notNull(),
		description: text('description').notNull().default(''),
		needId: text('need_id').references(() => needs.id, { onDelete: 'set null' }),
		respondHours: integer('respond_hours').notNull(),
		respondBy: integer('respond_by', { mode: 'timestamp_ms' }).notNull(),
		createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [index('summons_committee').on(t.committeeId, t.createdAt)]
);
export type SummonsRow = typeof summonses.$inferSelect;

/** Each summoned unit's answer (部门报到); `lateAt` is set when the time passed unanswered. */
export const summonsUnits = sqliteTable(
	'summons_unit',
	{
		summonsId: text('summons_id')
			.notNull()
			.references(() => summonses.id, { onDelete: 'cascade' }),
		unitId: text('unit_id')
			.notNull()
			.references(() => units.id, { onDelete: 'cascade' }),
		respondedAt: integer('responded_at', { mode: 'timestamp_ms' }),
		respondedBy: text('responded_by').references(() => users.id, { onDelete: 'set null' }),
		response: text('response'),
		lateAt: integer('late_at', { mode: 'timestamp_ms' })
	},
	(t) => [primaryKey({ columns: [t.summonsId, t.unitId] }), index('summons_unit_unit').on(t.unitId)]
);

/** A supervision notice (督办单) to a unit about a task, with a reply deadline. */
export const supervisionNotices = sqliteTable(
	'supervision_notice',
	{
		id: text('id').primaryKey(),
		committeeId: text('committee_id')
			.notNull()
			.references(() => committees.id, { onDelete: 'cascade' }),
		taskId: text('task_id').references(() => tasks.id, { onDelete: 'cascade' }),
		unitId: text('unit_id')
			.notNull()
			.references(() => units.id, { onDelete: 'cascade' }),
		text: text('text').notNull(),
		replyBy: integer('reply_by', { mode: 'timestamp_ms' }).notNull(),
		issuedBy: text('issued_by').references(() => users.id, { onDelete: 'set null' }),
		issuedAt: integer('issued_at', { mode: 'timestamp_ms' }).notNull(),
		reply: text('reply'),
		repliedAt: integer('replied_at', { mode: 'timestamp_ms' }),
		repliedBy: text('replied_by').references(() => users.id, { onDelete: 'set null' }),
		/** Set once when the reply deadline passed without a reply (flagged, and counted). */
		lateAt: integer('late_at', { mode: 'timestamp_ms' })
	},
	(t) => [
		index('notice_task').on(t.taskId),
		index('notice_unit').on(t.unitId, t.issuedAt),
		index('notice_committee').on(t.committeeId, t.issuedAt)
	]
);
export type SupervisionNoticeRow = typeof supervisionNotices.$inferSelect;

/**
 * A resident's rating (评单) of what was done about a need: once per person per need. Staff may
 * enter one on a resident's behalf (`enteredBy`, channel phone or visit), marked as such.
 */
export const ratings = sqliteTable(
	'rating',
	{
		id: text('id').primaryKey(),
		needId: text('need_id')
			.notNull()
			.references(() => needs.id, { onDelete: 'cascade' }),
		/** The task whose approval invited the rating. */
		taskId: text('task_id').references(() => tasks.id, { onDelete: 'set null' }),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		score: integer('score').notNull(),
		comment: text('comment').notNull().default(''),
		channel: text('channel', { enum: RATING_CHANNELS }).notNull().default('online'),
		enteredBy: text('entered_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [
		uniqueIndex('rating_once').on(t.needId, t.userId),
		index('rating_task').on(t.taskId),
		index('rating_created').on(t.createdAt),
		check('rating_score', sql.raw('score between 1 and 5')),
		check('rating_channel', inList('channel', RATING_CHANNELS))
	]
);
export type RatingRow = typeof ratings.$inferSelect;
