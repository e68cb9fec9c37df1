/**
 * 插入表决结果: a closed vote's result as the minutes' helper inserts it — the outcome, the
 * figures, quorum and threshold, a tie and what was done about it, and for a named vote who voted
 * what. Its own module (with the vote wording it needs), loaded when a writer presses the button.
 */
import { paragraph, text, type ContentNode, type T } from './minutes-helpers';
import { resultAsMinutesText } from './votes/describe';
import type { VoteView } from './votes/view';

/** The result as one paragraph; an open or draft vote has no result to insert: nothing. */
export function voteResultContent(t: T, vote: VoteView): ContentNode[] {
	if (vote.status !== 'closed' || !vote.result) return [];
	return [paragraph(text(resultAsMinutesText(vote, t)))];
}
