/**
 * The socket.io contract, declared once: the browser (src/lib/realtime), the services and the
 * server (server/socket) all import these types. Event names are `domain:verb`.
 *
 * Every client → server event carries an `id` chosen by the client (for de-duplication of
 * retries) and is answered with a `Result` acknowledgement.
 */
import { z } from 'zod';
import type { Result } from './result';
import type { AttendanceSummary, CommentView, HallSnapshot, HallState, Participant, QuestionView, ReactionCounts } from './hall';
import type { AgendaItem } from './schemas/meetings';

export const PRESENCE_STATUSES = ['online', 'away'] as const;

/** Schemas of what clients send; the server validates every event against them. */
export const clientEventSchemas = {
	'presence:join': z.strictObject({
		id: z.string().min(1).max(64),
		committeeId: z.string().min(1).max(64)
	}),
	'presence:update': z.strictObject({
		id: z.string().min(1).max(64),
		committeeId: z.string().min(1).max(64),
		status: z.enum(PRESENCE_STATUSES)
	}),
	'presence:leave': z.strictObject({
		id: z.string().min(1).max(64),
		committeeId: z.string().min(1).max(64)
	}),
	...hallEventSchemas()
} as const;

/**
 * The hall's events (协商). Every one names its meeting; ids double as the stored ids of
 * questions and comments, so a retried ask or comment is kept once.
 */
function hallEventSchemas() {
	const id = z.string().min(1).max(64);
	const meetingId = z.string().min(1).max(64);
	const text = (max: number) => z.string().trim().min(1, 'err.required').max(max, 'err.tooLong');
	return {
		/** Enter the hall: the answer is the whole current state. */
		'hall:join': z.strictObject({ id, meetingId }),
		'hall:leave': z.strictObject({ id, meetingId }),
		/** Check in (签到): counts towards quorum while in the hall. */
		'hall:checkIn': z.strictObject({ id, meetingId }),
		/** Raise or lower one's hand; a point of order (程序动议) jumps the queue. */
		'hall:hand': z.strictObject({ id, meetingId, raise: z.boolean(), pointOfOrder: z.boolean().optional() }),
		/** The chair moves the agenda: to the next item, or to a given one. */
		'hall:agenda': z.strictObject({ id, meetingId, to: z.union([z.literal('next'), z.literal('previous'), z.strictObject({ itemId: id })]) }),
		/** The chair gives the floor (to the head of the queue, or to someone in it), ends or extends a speech, or sets the speaking time. */
		'hall:floor': z.strictObject({
			id,
			meetingId,
			action: z.enum(['next', 'give', 'end', 'extend', 'limit']),
			userId: id.optional(),
			seconds: z.number().int().min(10).max(1800).optional()
		}),
		/** The chair reorders, trims or clears the queue. */
		'hall:queue': z.strictObject({ id, meetingId, action: z.enum(['move', 'remove', 'clear']), userId: id.optional(), toIndex: z.number().int().min(0).max(10_000).optional() }),
		'hall:ask': z.strictObject({ id, meetingId, itemId: id.nullable(), body: text(500) }),
		/** Upvote someone else's question; `up: false` takes one's upvote back (absent: upvote). */
		'hall:upvote': z.strictObject({ id, meetingId, questionId: id, up: z.boolean().optional() }),
		/** The chair or a moderator picks, answers or hides a question. */
		'hall:question': z.strictObject({ id, meetingId, questionId: id, action: z.enum(['pick', 'answer', 'hide']), answer: z.string().trim().max(1000, 'err.tooLong').optional() }),
		'hall:react': z.strictObject({ id, meetingId, itemId: id, kind: z.enum(['support', 'oppose', 'unclear']).nullable() }),
		'hall:comment': z.strictObject({ id, meetingId, itemId: id, body: text(1000) }),
		'hall:moderate': z.strictObject({ id, meetingId, commentId: id, action: z.enum(['hide', 'unhide', 'pin', 'unpin']) })
	};
}

export type ClientEventName = keyof typeof clientEventSchemas;
export type ClientEventPayload<E extends ClientEventName> = z.infer<(typeof clientEventSchemas)[E]>;

export interface PresenceEntry {
	userId: string;
	displayName: string;
	status: (typeof PRESENCE_STATUSES)[number];
}

/** What each client event's acknowledgement carries on success. */
export interface ClientEventResults {
	'presence:join': { online: PresenceEntry[] };
	'presence:update': { online: PresenceEntry[] };
	'presence:leave': null;
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

export type ClientToServerEvents = {
	[E in ClientEventName]: (
		payload: ClientEventPayload<E>,
		ack: (result: Result<ClientEventResults[E]>) => void
	) => void;
};

export type OrgEntity = 'community' | 'grid' | 'unit' | 'person' | 'invite';

export type NotificationKind = 'need.status' | 'need.merged' | 'need.overdue' | 'meeting.scheduled' | 'meeting.changed' | 'meeting.cancelled' | 'meeting.live' | 'minutes.approved';

export interface NotificationPayload {
	id: string;
	kind: NotificationKind;
	params: Record<string, string | number>;
	link: string;
	createdAt: string;
}

/** What board and detail pages need to update a need live (never private details). */
export interface NeedChange {
	id: string;
	status: string;
	supportCount: number;
}

export interface ServerToClientEvents {
	/** A new notification for this person. */
	'notification:new': (payload: NotificationPayload) => void;
	/** A need's status or support count changed. Private needs go only to staff and the submitter. */
	'need:changed': (payload: NeedChange) => void;
	/** Who is online in a committee changed. */
	'presence:changed': (payload: { committeeId: string; online: PresenceEntry[] }) => void;
	/** An admin changed the organisation: lists showing it should refresh. */
	'org:changed': (payload: { committeeId: string; entity: OrgEntity; id: string }) => void;
	/** The hall's floor changed (agenda position, speaker, queue, timers, status). Sent to `hall:<meetingId>`. */
	'hall:state': (payload: HallState) => void;
	/** People entered (or checked in: their entry again) or left the hall; several at once in a busy moment. */
	'hall:presence': (payload: { meetingId: string; joined: Participant[]; left: string[]; attendance: AttendanceSummary }) => void;
	'hall:question': (payload: QuestionView) => void;
	'hall:comment': (payload: CommentView) => void;
	'hall:reactions': (payload: { meetingId: string; itemId: string; counts: ReactionCounts }) => void;
	/** The agenda document changed: its items as they are now, for those who follow it without opening the document. */
	'hall:agenda': (payload: { meetingId: string; items: AgendaItem[] }) => void;
	/** The minutes' status changed (finalised, approved, a version saved or restored). */
	'hall:minutes': (payload: { meetingId: string; status: 'draft' | 'finalised' | 'approved' }) => void;
	/** The session behind this connection ended (logout, revocation); the server disconnects next. */
	'session:ended': (payload: { reason: 'logout' | 'revoked' }) => void;
}

/** Close codes of the Yjs endpoint (after the upgrade; before it, HTTP 401/403 answer). */
export const YJS_CLOSE = {
	badMessage: 4400,
	unauthorized: 4401,
	forbidden: 4403,
	/** Who may write changed (e.g. minutes approved): reconnect to be let in anew. */
	accessChanged: 4409,
	storageFailed: 4500
} as const;
