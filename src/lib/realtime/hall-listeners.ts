/**
 * What a hall page does with the server's `hall:*` events: plain functions over the page's view
 * of one hall, so they are typed by the shared contract and testable without a browser. The
 * connection is shared by everything on the page, so every event is checked against the
 * meeting first: another hall's questions or floor never leak into this one.
 */
import type { ServerToClientEvents } from '../shared/events';
import type {
	AttendanceSummary,
	CommentView,
	HallState,
	Participant,
	QuestionView,
	ReactionCounts
} from '../shared/hall';
import type { AgendaItem } from '../shared/schemas/meetings';

export type HallNews =
	{ kind: 'question'; question: QuestionView } | { kind: 'comment'; comment: CommentView };

/** The parts of a hall page the server's events change. */
export interface HallView {
	readonly meetingId: string;
	state: HallState | null;
	participants: Participant[];
	attendance: AttendanceSummary;
	questions: QuestionView[];
	comments: CommentView[];
	reactions: Record<string, ReactionCounts>;
	agenda: AgendaItem[] | null;
	minutesStatus: 'draft' | 'finalised' | 'approved' | null;
}

export type HallServerEvent = Extract<keyof ServerToClientEvents, `hall:${string}`>;
/** Every `hall:*` event the server sends. */
export const HALL_SERVER_EVENTS = [
	'hall:state',
	'hall:presence',
	'hall:question',
	'hall:comment',
	'hall:agenda',
	'hall:reactions',
	'hall:minutes'
] as const satisfies readonly HallServerEvent[];
// A `hall:*` event added to the contract but missing above does not compile.
const _allListed: Exclude<HallServerEvent, (typeof HALL_SERVER_EVENTS)[number]> extends never
	? true
	: never = true;
export type HallListeners = { [E in HallServerEvent]: ServerToClientEvents[E] };

/** Listeners that keep `view` current; `tell` hears of questions and comments new to it. */
export function hallListeners(view: HallView, tell: (news: HallNews) => void): HallListeners {
	const mine = (p: { meetingId: string }) => p.meetingId === view.meetingId;
	return {
		'hall:state': (s) => {
			// Events can cross a snapshot in flight: keep only what is newer.
			if (mine(s) && (!view.state || s.version >= view.state.version)) view.state = s;
		},
		'hall:presence': (p) => {
			if (!mine(p)) return;
			const gone = [...p.left, ...p.joined.map((j) => j.userId)];
			view.participants = [
				...view.participants.filter((x) => !gone.includes(x.userId)),
				...p.joined
			];
			view.attendance = p.attendance;
		},
		'hall:question': ({ meetingId, ...question }) => {
			if (meetingId !== view.meetingId || !view.state || !question.id) return;
			const fresh = !view.questions.some((x) => x.id === question.id);
			view.questions = upsert(view.questions, question);
			if (fresh) tell({ kind: 'question', question });
		},
		'hall:comment': ({ meetingId, ...comment }) => {
			if (meetingId !== view.meetingId || !view.state || !comment.id) return;
			const fresh = !view.comments.some((x) => x.id === comment.id);
			view.comments = upsert(view.comments, comment);
			if (fresh) tell({ kind: 'comment', comment });
		},
		'hall:agenda': (a) => {
			if (mine(a)) view.agenda = a.items;
		},
		'hall:reactions': (r) => {
			if (mine(r)) view.reactions = { ...view.reactions, [r.itemId]: r.counts };
		},
		'hall:minutes': (m) => {
			if (mine(m)) view.minutesStatus = m.status;
		}
	};
}

function upsert<T extends { id: string }>(list: T[], item: T): T[] {
	const at = list.findIndex((x) => x.id === item.id);
	if (at < 0) return [...list, item];
	const copy = [...list];
	copy[at] = item;
	return copy;
}
