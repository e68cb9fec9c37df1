/**
 * The fixed choices of execution (派单 → 接单 → 验收), supervision (督办), ratings (评单) and the
 * three lists (资源 · 项目): statuses and kinds, without zod, so pages that only show them stay light.
 */

/**
 * A task's life: dispatched and waiting for its lead unit (`pending`); returned by the lead unit
 * with a reason (`returned`, until the secretary reassigns or cancels it); being carried out
 * (`in_progress`); handed in for the acceptance check (`submitted`); approved (`done`).
 * A rejected check sends it back to `in_progress`.
 */
export const TASK_STATUSES = [
	'pending',
	'returned',
	'in_progress',
	'submitted',
	'done',
	'cancelled'
] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** Statuses in which a task is still owed (counted as open, can be late). */
export const OPEN_TASK_STATUSES: readonly TaskStatus[] = [
	'pending',
	'returned',
	'in_progress',
	'submitted'
];

export const TASK_UNIT_ROLES = ['lead', 'co'] as const;
export type TaskUnitRole = (typeof TASK_UNIT_ROLES)[number];

/** What a timeline entry of a task records. */
export const TASK_EVENT_KINDS = [
	'dispatched',
	'edited',
	'reassigned',
	'accepted',
	'returned',
	'report',
	'submitted',
	'approved',
	'rejected',
	'cancelled',
	'accept_late',
	'due_soon',
	'overdue',
	'notice',
	'notice_reply',
	'notice_late',
	'rated'
] as const;
export type TaskEventKind = (typeof TASK_EVENT_KINDS)[number];

/** Default time a unit has to accept (or return) a task. */
export const DEFAULT_ACCEPT_HOURS = 24;

export const RESOURCE_KINDS = [
	'venue',
	'canteen',
	'equipment',
	'volunteers',
	'funds',
	'other'
] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];

/** A project moves from draft to the quarter's published list, is claimed by a unit, and ends. */
export const PROJECT_STATUSES = ['draft', 'published', 'claimed', 'done'] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

/** How a rating reached Yiting: from the resident's own account, or entered by staff for them. */
export const RATING_CHANNELS = ['online', 'phone', 'visit'] as const;
export type RatingChannel = (typeof RATING_CHANNELS)[number];

/** Days after approval during which a need waits for ratings before it closes on its own. */
export const DEFAULT_RATING_DAYS = 14;

/** A quarter as written in URLs and the API: `2026-Q4`. */
export const QUARTER_PATTERN = /^(\d{4})-Q([1-4])$/;
