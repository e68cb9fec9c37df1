/**
 * The hall's events (协商). Every one names its meeting; ids double as the stored ids of
 * questions and comments, so a retried ask or comment is kept once.
 */
import { z } from 'zod';
import type {
	AttendanceSummary,
	CommentView,
	HallSnapshot,
	HallState,
	Participant,
	QuestionView,
	ReactionCounts
} from '../hall';
import type { AgendaItem } from '../schemas/meetings';
import { eventId as id } from './fields';

const meetingId = id;
const text = (max: number) => z.string().trim().min(1, 'err.required').max(max, 'err.tooLong');

export const hallEventSchemas = {
	/** Enter the hall: the answer is the whole current state. */
	'hall:join': z.strictObject({ id, meetingId }),
	'hall:leave': z.strictObject({ id, meetingId }),
	/** Check in (签到): counts towards quorum while in the hall. */
	'hall:checkIn': z.strictObject({ id, meetingId }),
	/** Raise or lower one's hand; a point of order (程序动议) jumps the queue. */
	'hall:hand': z.strictObject({
		id,
		meetingId,
		raise: z.boolean(),
		pointOfOrder: z.boolean().optional()
	}),
	/** The chair moves the agenda: to the next item, or to a given one. */
	'hall:agenda': z.strictObject({
		id,
		meetingId,
		to: z.union([z.literal('next'), z.literal('previous'), z.strictObject({ itemId: id })])
	}),
	/** The chair gives the floor (to the head of the queue, or to someone in it), ends or extends a speech, or sets the speaking time. */
	'hall:floor': z.strictObject({
		id,
		meetingId,
		action: z.enum(['next', 'give', 'end', 'extend', 'limit']),
		userId: id.optional(),
		seconds: z.number().int().min(10).max(1800).optional()
	}),
	/** The chair reorders, trims or clears the queue. */
	'hall:queue': z.strictObject({
		id,
		meetingId,
		action: z.enum(['move', 'remove', 'clear']),
		userId: id.optional(),
		toIndex: z.number().int().min(0).max(10_000).optional()
	}),
	'hall:ask': z.strictObject({ id, meetingId, itemId: id.nullable(), body: text(500) }),
	/** Upvote someone else's question; `up: false` takes one's upvote back (absent: upvote). */
	'hall:upvote': z.strictObject({ id, meetingId, questionId: id, up: z.boolean().optional() }),
	/** The chair or a moderator picks, answers or hides a question. */
	'hall:question': z.strictObject({
		id,
		meetingId,
		questionId: id,
		action: z.enum(['pick', 'answer', 'hide']),
		answer: z.string().trim().max(1000, 'err.tooLong').optional()
	}),
	'hall:react': z.strictObject({
		id,
		meetingId,
		itemId: id,
		kind: z.enum(['support', 'oppose', 'unclear']).nullable()
	}),
	'hall:comment': z.strictObject({ id, meetingId, itemId: id, body: text(1000) }),
	'hall:moderate': z.strictObject({
		id,
		meetingId,
		commentId: id,
		action: z.enum(['hide', 'unhide', 'pin', 'unpin'])
	})
} as const;

export interface HallEventResults {
	'hall:join': HallSnapshot;
	'hall:leave': null;
	'hall:checkIn': { attendance: AttendanceSummary };
	'hall:hand': { version: number };
	'hall:agenda': { version: number };
	'hall:floor': { version: number };
	'hall:queue': { version: number };
	'hall:ask': QuestionView;
	'hall:upvote': QuestionView;
	'hall:question': QuestionView;
	'hall:react': { itemId: string; counts: ReactionCounts };
	'hall:comment': CommentView;
	'hall:moderate': CommentView;
}

/** A question or comment as broadcast: named by its meeting, so a page ignores other halls'. */
export type QuestionEvent = QuestionView & { meetingId: string };
export type CommentEvent = CommentView & { meetingId: string };

/** Sent to `hall:<meetingId>`; every payload names its meeting. */
export interface HallServerEvents {
	/** The hall's floor changed (agenda position, speaker, queue, timers, status). */
	'hall:state': (payload: HallState) => void;
	/** People entered (or checked in: their entry again) or left the hall; several at once in a busy moment. */
	'hall:presence': (payload: {
		meetingId: string;
		joined: Participant[];
		left: string[];
		attendance: AttendanceSummary;
	}) => void;
	'hall:question': (payload: QuestionEvent) => void;
	'hall:comment': (payload: CommentEvent) => void;
	'hall:reactions': (payload: {
		meetingId: string;
		itemId: string;
		counts: ReactionCounts;
	}) => void;
	/** The agenda document changed: its items as they are now, for those who follow it without opening the document. */
	'hall:agenda': (payload: { meetingId: string; items: AgendaItem[] }) => void;
	/** The minutes' status changed (finalised, approved, a version saved or restored). */
	'hall:minutes': (payload: {
		meetingId: string;
		status: 'draft' | 'finalised' | 'approved';
	}) => void;
}
