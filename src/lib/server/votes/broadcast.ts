/**
 * Telling people about votes. A meeting's vote travels in its hall's room; a poll in the
 * committee's staff room (or the whole committee's, when it asks residents). The running count
 * is coalesced per vote: a thousand ballots in a second make a handful of messages, not a
 * thousand times a thousand.
 */
import type { DbLike } from '../db';
import { eq } from 'drizzle-orm';
import { voteRoll, type VoteRow } from '../db/schema';
import { notify } from '../notifications/notifications';
import { getHub } from '../platform/hub';
import { logger } from '../platform/log';
import { toVoteView } from './view';
import { committeeRoom, hallRoom, staffRoom } from '../../shared/rooms';

/** How long a count waits for more ballots before it goes out. */
const COUNT_EVERY_MS = 150;

export function voteRoom(v: Pick<VoteRow, 'meetingId' | 'committeeId' | 'electorate'>): string {
	if (v.meetingId) return hallRoom(v.meetingId);
	return v.electorate === 'residents' ? committeeRoom(v.committeeId) : staffRoom(v.committeeId);
}

/** A vote opened, closed or was decided: everyone following it gets it at once (without the ballot and named lists). */
export function announceVote(db: DbLike, v: VoteRow, what: 'opened' | 'closed' | 'decided'): void {
	// A count still waiting would arrive after the result and say the vote is open.
	clearTimeout(pending().get(v.id));
	pending().delete(v.id);
	getHub().emit(voteRoom(v), 'vote:changed', toVoteView(db, v, { withoutBallots: true }));
	// A poll's voters are not sitting in a hall: they hear of its result in their notifications.
	if (what === 'closed' && !v.meetingId) {
		const voters = db
			.select({ userId: voteRoll.userId, proxyId: voteRoll.proxyId })
			.from(voteRoll)
			.where(eq(voteRoll.voteId, v.id))
			.all()
			.flatMap((r) => [r.userId, r.proxyId])
			.filter((u): u is string => !!u);
		notify(db, voters, {
			kind: 'vote.closed',
			params: { title: v.title },
			link: `/votes/${v.id}`
		})();
	}
}

const KEY = Symbol.for('yiting.voteCounts');
type G = typeof globalThis & { [KEY]?: Map<string, ReturnType<typeof setTimeout>> };
const pending = () => ((globalThis as G)[KEY] ??= new Map());

/** A ballot landed: send the count soon (once per burst). */
export function countChanged(db: DbLike, v: VoteRow): void {
	if (pending().has(v.id)) return;
	pending().set(
		v.id,
		setTimeout(() => {
			pending().delete(v.id);
			try {
				const view = toVoteView(db, { ...v, status: 'open' }, {});
				getHub().emit(voteRoom(v), 'vote:count', {
					voteId: v.id,
					meetingId: v.meetingId,
					counts: view.counts,
					running: view.running
				});
			} catch (err) {
				// A count that cannot be read now (the database closing at shutdown) is not worth a crash:
				// the next ballot or the close tells everyone again.
				logger.warn({ err, voteId: v.id }, 'vote count not sent');
			}
		}, COUNT_EVERY_MS).unref()
	);
}

/** Drop the counts still waiting to go out: the server is stopping and its database closes next. */
export function dropPendingCounts(): void {
	for (const timer of pending().values()) clearTimeout(timer);
	pending().clear();
}
