/**
 * The closed-loop record (全过程追溯) of a need or a resolution: one list of steps in time order,
 * from the first report to the residents' ratings. Plain data, the same for pages and the API.
 */
import type { Role } from '../roles';
import type { RatingChannel } from '../tasks/options';

export const TRACE_KINDS = [
	'need',
	'accepted',
	'agenda',
	'meeting',
	'motion',
	'vote',
	'resolution',
	'task',
	'report',
	'approval',
	'rating',
	'closed',
	'reopened',
	'declined',
	'merged'
] as const;
export type TraceKind = (typeof TRACE_KINDS)[number];

/**
 * Who took a step, as far as the viewer may know: the role word and the unit always; the
 * person's name only for staff viewers (and for the viewer's own steps). Residents see
 * "居民", "工委秘书", "某某单位", never a staff member's or another resident's name.
 */
export interface TraceActor {
	role: Role | null;
	unit: string | null;
	name: string | null;
}

/** What a step is about. Only what the viewer may see: a vote's outcome, never its ballots. */
export interface TraceRef {
	type: 'need' | 'meeting' | 'motion' | 'vote' | 'resolution' | 'task' | 'report' | 'rating';
	/** Absent when the viewer may not open it (a members-only meeting, for residents). */
	id?: string;
	title?: string;
	/** Task steps: dispatched, accepted, returned, submitted… (TASK_EVENT_KINDS). */
	event?: string;
	/** Votes: adopted, rejected, inquorate, tie. */
	outcome?: string;
	number?: string;
	progress?: number;
	text?: string;
	files?: number;
	score?: number;
	comment?: string;
	channel?: RatingChannel;
	onBehalf?: boolean;
	/** The task or report's unit (lead unit for a dispatch). */
	unit?: string;
	dueAt?: Date;
	/** The step happened in a meeting the viewer may not see: shown without its details. */
	private?: boolean;
}

export interface TraceStep {
	kind: TraceKind;
	at: Date;
	actor: TraceActor | null;
	ref: TraceRef;
}

export const TRACE_STATUSES = [
	'closedRated',
	'closed',
	'awaitingRating',
	'overdue',
	'inProgress',
	'waitingDispatch',
	'deliberating',
	'accepted',
	'waiting',
	'declined',
	'merged',
	'reopened'
] as const;
export type TraceStatus = (typeof TRACE_STATUSES)[number];

export interface TraceView {
	subject: { type: 'need' | 'resolution'; id: string; title: string; number?: string };
	/** The line at the top: did it get done? */
	status: TraceStatus;
	/** The earliest due time of the tasks still open. */
	dueAt: Date | null;
	rating: { average: number | null; count: number };
	steps: TraceStep[];
}
