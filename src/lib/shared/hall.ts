/**
 * The live hall's shapes, shared by the server (src/lib/server/hall/, server/socket)
 * and the browser (src/routes/meetings/[id]/hall). The floor state is small and sent whole on
 * every change with a version number; presence, questions, comments and reactions travel as
 * deltas, because with hundreds of people in a hall a full list per change would be too much.
 */

import type { Role } from './roles';

/**
 * Who counts towards quorum once checked in (签到成员): the chair and member units'
 * representatives. The one definition used by the hall's header, the closed meeting's record,
 * the attendance the minutes helper inserts, and the API.
 */
export const QUORUM_ROLES: readonly Role[] = ['chair', 'member'];

/** Does someone holding `roles` (in the meeting's committee) count towards quorum? */
export function countsTowardsQuorum(roles: Iterable<Role>): boolean {
	for (const r of roles) if (QUORUM_ROLES.includes(r)) return true;
	return false;
}

/** Quorum from an attendance record: who checked in, and how many of them count. */
export function recordedQuorum(
	rows: { checkedInAt: unknown; countsForQuorum: boolean }[],
	quorum: number
) {
	const checkedIn = rows.filter((r) => r.checkedInAt).length;
	const present = rows.filter((r) => r.checkedInAt && r.countsForQuorum).length;
	return { checkedIn, present, quorum, quorumMet: present >= quorum };
}

/** The floor as everyone sees it. Times are epoch milliseconds on the server's clock. */
export interface HallState {
	meetingId: string;
	/** Bumped on every change: a client ignores a state older than the one it has. */
	version: number;
	status: 'scheduled' | 'live' | 'closed' | 'draft' | 'cancelled';
	/** The agenda item being discussed, when it became current, and time used on each item before. */
	itemId: string | null;
	itemStartedAt: number | null;
	itemUsedMs: Record<string, number>;
	speaker: Speaker | null;
	queue: QueueEntry[];
	/** Speaking time per speech, in seconds (the chair may extend a speech). */
	speechLimitSec: number;
	startedAt: number | null;
	closedAt: number | null;
}

export interface Speaker {
	userId: string;
	name: string;
	startedAt: number;
	limitSec: number;
	pointOfOrder: boolean;
	itemId: string | null;
}

export interface QueueEntry {
	userId: string;
	name: string;
	raisedAt: number;
	/** A point of order (程序动议) goes ahead of ordinary requests to speak. */
	pointOfOrder: boolean;
}

export interface Participant {
	userId: string;
	name: string;
	/** The role the person has in this committee that matters most here (chair before member before resident). */
	role: string;
	unitName: string;
	checkedIn: boolean;
}

export interface AttendanceSummary {
	/** People in the hall now. */
	inHall: number;
	/** Checked-in members (and chair) in the hall now, or, once closed, who checked in: what quorum counts (QUORUM_ROLES). */
	present: number;
	quorum: number;
	quorumMet: boolean;
}

export interface QuestionView {
	id: string;
	itemId: string | null;
	authorId: string;
	authorName: string;
	body: string;
	status: 'open' | 'picked' | 'answered' | 'hidden';
	answer: string;
	upvotes: number;
	createdAt: number;
}

export interface CommentView {
	id: string;
	itemId: string;
	authorId: string;
	authorName: string;
	body: string;
	hidden: boolean;
	pinned: boolean;
	createdAt: number;
}

export type ReactionKind = 'support' | 'oppose' | 'unclear';
export type ReactionCounts = Record<ReactionKind, number>;

/** Everything a person entering the hall needs at once; then deltas follow. */
export interface HallSnapshot {
	state: HallState;
	participants: Participant[];
	attendance: AttendanceSummary;
	questions: QuestionView[];
	comments: CommentView[];
	reactions: Record<string, ReactionCounts>;
	/** What this person has done that the lists do not show: their upvotes and reactions. */
	mine: { upvoted: string[]; reactions: Record<string, ReactionKind> };
	/** The server's clock when the snapshot was made, so countdowns agree across devices. */
	serverNow: number;
}

/** Time used on an agenda item so far, counting the running stretch when it is the current one. */
export function itemUsedMs(state: HallState, itemId: string, now: number): number {
	const before = state.itemUsedMs[itemId] ?? 0;
	return state.itemId === itemId && state.itemStartedAt && state.status === 'live'
		? before + Math.max(0, now - state.itemStartedAt)
		: before;
}

/** Seconds left in the current speech (negative when over time). */
export function speechLeftSec(speaker: Speaker, now: number): number {
	return Math.round(speaker.limitSec - (now - speaker.startedAt) / 1000);
}
