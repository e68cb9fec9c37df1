/**
 * A vote's clock, on the server: the countdown that closes it, and reminders to those who have
 * not voted 24 h and 1 h before the end. They are scheduler jobs in the database, written with
 * the opening, so a restart neither loses nor repeats them; a closed vote cancels its own.
 */
import { and, eq, inArray, isNull, or } from 'drizzle-orm';
import { z } from 'zod';
import type { DbLike } from '../db';
import { roleAssignments, voteRoll, votes, type VoteRow } from '../db/schema';
import { defineJob, schedule } from '../platform/jobs';
import { notify } from '../notifications/notifications';
import { freeze } from './freeze';
import { announceVote } from './broadcast';
import { loadVote } from './access';

const REMINDERS = [
	{ key: '24h', beforeMs: 24 * 3600_000 },
	{ key: '1h', beforeMs: 3600_000 }
] as const;

const link = (v: Pick<VoteRow, 'id' | 'meetingId'>) =>
	v.meetingId ? `/meetings/${v.meetingId}/hall` : `/votes/${v.id}`;

export const voteClose = defineJob({
	kind: 'vote.close',
	payload: z.object({ voteId: z.string() }),
	run({ tx, payload, now, job, afterCommit }) {
		const v = tx.select().from(votes).where(eq(votes.id, payload.voteId)).get();
		if (!v || v.status !== 'open') return;
		freeze(tx, v, null, now, job.key);
		afterCommit(() => announceVote(tx, loadVote(tx, v.id), 'closed'));
	}
});

/** Everyone who may still cast a seat: its owner, its proxy holder, a unit's members. */
function waitingVoters(tx: DbLike, v: VoteRow): string[] {
	const rows = tx
		.select()
		.from(voteRoll)
		.where(and(eq(voteRoll.voteId, v.id), isNull(voteRoll.castAt)))
		.all();
	const people = rows.map((r) => r.proxyId ?? r.userId).filter((u): u is string => !!u);
	const unitIds = rows.map((r) => r.unitId).filter((u): u is string => !!u);
	if (unitIds.length)
		people.push(
			...tx
				.select({ userId: roleAssignments.userId })
				.from(roleAssignments)
				.where(
					and(
						eq(roleAssignments.committeeId, v.committeeId),
						eq(roleAssignments.role, 'member'),
						or(inArray(roleAssignments.unitId, unitIds))
					)
				)
				.all()
				.map((r) => r.userId)
		);
	return [...new Set(people)];
}

export const voteRemind = defineJob({
	kind: 'vote.remind',
	payload: z.object({ voteId: z.string(), before: z.enum(['24h', '1h']) }),
	run({ tx, payload, afterCommit }) {
		const v = tx.select().from(votes).where(eq(votes.id, payload.voteId)).get();
		if (!v || v.status !== 'open') return;
		afterCommit(
			notify(tx, waitingVoters(tx, v), {
				kind: 'vote.reminder',
				params: { title: v.title, before: payload.before },
				link: link(v)
			})
		);
	}
});

/** Start the clock as the vote opens (inside the opening transaction). */
export function scheduleVoteJobs(tx: DbLike, v: VoteRow): void {
	if (!v.closesAt) return;
	const end = v.closesAt.getTime();
	schedule(tx, voteClose, {
		key: `vote.close:${v.id}`,
		dueAt: v.closesAt,
		payload: { voteId: v.id }
	});
	const opened = v.openedAt?.getTime() ?? Date.now();
	for (const r of REMINDERS) {
		// A reminder that would come before the vote opened (a short poll) is not sent at all.
		if (end - r.beforeMs <= opened) continue;
		schedule(tx, voteRemind, {
			key: `vote.remind:${v.id}:${r.key}`,
			dueAt: new Date(end - r.beforeMs),
			payload: { voteId: v.id, before: r.key }
		});
	}
}

/** Tell a poll's voters it opened (a meeting's voters see it in the hall). */
export function notifyOpened(tx: DbLike, v: VoteRow): () => void {
	if (v.meetingId) return () => {};
	return notify(tx, waitingVoters(tx, v), {
		kind: 'vote.opened',
		params: { title: v.title },
		link: link(v)
	});
}
