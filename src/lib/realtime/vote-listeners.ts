/**
 * What a hall page does with the server's `vote:*` events: plain functions over the page's list
 * of votes, typed by the shared contract and testable without a browser. Only this meeting's
 * votes are kept (the connection is shared), and a count never goes back: events can cross a
 * fuller answer in flight.
 */
import type { VoteCountEvent } from '../shared/events/votes';
import type { VoteView } from '../shared/votes/view';

export interface VoteList {
	readonly meetingId: string;
	votes: VoteView[];
}

const ORDER = { draft: 0, open: 1, closed: 2 } as const;

/** Whether `v` is an earlier state of the vote than `shown` (a closed vote never reopens). */
export const isBehind = (v: VoteView, shown: VoteView) => ORDER[v.status] < ORDER[shown.status];

/**
 * A vote as the server announced it. A later state never gives way to an earlier one, and a
 * closed vote already fetched with its ballot list keeps that list (announcements leave it out).
 * Returns whether the vote is new to the page or changed state.
 */
export function applyChanged(list: VoteList, v: VoteView): boolean {
	if (v.meetingId !== list.meetingId) return false;
	const at = list.votes.findIndex((x) => x.id === v.id);
	if (at < 0) {
		list.votes = [...list.votes, v];
		return true;
	}
	const old = list.votes[at]!;
	if (isBehind(v, old)) return false;
	const keep = old.result?.ballots.length && v.result && !v.result.ballots.length;
	const next: VoteView = keep
		? { ...v, result: { ...v.result!, ballots: old.result!.ballots } }
		: v;
	const copy = [...list.votes];
	copy[at] = next;
	list.votes = copy;
	return old.status !== v.status || !!old.decision !== !!v.decision;
}

/** The live count of an open vote (and a named vote's running count, when the chair shows it). */
export function applyCount(list: VoteList, c: VoteCountEvent): void {
	if (c.meetingId !== list.meetingId) return;
	const at = list.votes.findIndex((x) => x.id === c.voteId);
	const old = list.votes[at];
	if (!old || old.status !== 'open' || c.counts.cast < old.counts.cast) return;
	const copy = [...list.votes];
	copy[at] = { ...old, counts: c.counts, running: old.secret ? null : c.running };
	list.votes = copy;
}
