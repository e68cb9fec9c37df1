/**
 * A vote's states: draft → open → closed. Opening fixes the roll and starts the countdown and
 * reminders; closing counts once and freezes the result (every later close returns the same
 * result, hash included). Both go into the vote's own audit chain. After a tie the chair gives a
 * casting vote or calls a re-vote, and that is recorded as such.
 */
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db';
import { motions, users, votes } from '../db/schema';
import { AppError } from '../errors';
import { audit, voteChain } from '../platform/audit';
import { onDomainEvent } from '../platform/domain-events';
import { voteFor, loadVote } from './access';
import { loadMeeting } from '../meetings/meetings';
import { createVote } from './create';
import { fixRoll } from './roll';
import { decide, freeze } from './freeze';
import { notifyOpened, scheduleVoteJobs } from './timers';
import { announceVote } from './broadcast';
import { forgetVote } from './open-votes';
import type { Actor } from '../../shared/permissions';
import type { VoteSpec } from '../../shared/votes/methods';
import type { TieDecision, VoteResult } from '../../shared/votes/view';

export function openVote(db: Db, actor: Actor, id: string): void {
	const v = voteFor(db, actor, id, 'vote.manage');
	if (v.status === 'open') return;
	if (v.status === 'closed') throw new AppError(409, 'err.vote.closed');
	const now = new Date();
	if (v.closesAt && v.closesAt <= now)
		throw new AppError(422, 'err.validation', { closesAt: ['err.vote.closesInPast'] });
	// A meeting's vote is taken while the meeting sits; between meetings there are polls.
	if (v.meetingId && loadMeeting(db, v.meetingId).status !== 'live')
		throw new AppError(409, 'err.vote.meetingNotLive');
	const told = db.transaction(
		(tx) => {
			const fresh = loadVote(tx, id);
			if (fresh.status !== 'draft') return () => {};
			const counts = fixRoll(tx, fresh);
			tx.update(votes)
				.set({ status: 'open', openedAt: now, presentCount: counts.present })
				.where(eq(votes.id, id))
				.run();
			if (fresh.motionId)
				tx.update(motions)
					.set({ status: 'voting', updatedAt: now })
					.where(eq(motions.id, fresh.motionId))
					.run();
			scheduleVoteJobs(tx, { ...fresh, openedAt: now });
			audit(
				tx,
				actor.userId,
				'vote.open',
				id,
				{ eligible: counts.eligible, present: counts.present },
				voteChain(id)
			);
			return notifyOpened(tx, fresh);
		},
		{ behavior: 'immediate' }
	);
	told();
	announceVote(db, loadVote(db, id), 'opened');
}

/**
 * Close a vote and return its frozen result: the same result on every call, whoever closes and
 * however many closes race (the chair's button, the API, the countdown).
 */
export function closeVote(db: Db, actor: Actor | null, id: string): VoteResult {
	const v = actor ? voteFor(db, actor, id, 'vote.manage') : loadVote(db, id);
	if (v.status === 'closed') return v.result as VoteResult;
	if (v.status === 'draft') throw new AppError(409, 'err.vote.notOpen');
	let closedNow = false;
	const result = db.transaction(
		(tx) => {
			const fresh = loadVote(tx, id);
			if (fresh.status === 'closed') return fresh.result as VoteResult;
			closedNow = true;
			return freeze(tx, fresh, actor?.userId ?? null, new Date());
		},
		{ behavior: 'immediate' }
	);
	if (closedNow) {
		forgetVote(db, id);
		announceVote(db, loadVote(db, id), 'closed');
	}
	return result;
}

function tied(db: Db, actor: Actor, id: string, action: 'vote.manage' | 'vote.casting') {
	const v = voteFor(db, actor, id, action);
	const result = v.result as VoteResult | null;
	if (v.status !== 'closed' || !result || result.outcome !== 'tie')
		throw new AppError(409, 'err.vote.notTied');
	if (v.decision) throw new AppError(409, 'err.vote.tieDecided');
	return { v, result };
}

/** The chair's casting vote (决定票) between the tied options; recorded as such. */
export function castingVote(db: Db, actor: Actor, id: string, optionId: string): TieDecision {
	const { v, result } = tied(db, actor, id, 'vote.casting');
	if (!result.tiedOptions.includes(optionId))
		throw new AppError(422, 'err.validation', { optionId: ['err.vote.notTiedOption'] });
	const name =
		db.select({ name: users.displayName }).from(users).where(eq(users.id, actor.userId)).get()
			?.name ?? '';
	const now = new Date();
	const decision: TieDecision = { kind: 'casting', optionId, byName: name, at: now.getTime() };
	db.transaction(
		(tx) => {
			const moved = tx
				.update(votes)
				.set({ decision })
				.where(and(eq(votes.id, id), isNull(votes.decision)))
				.run();
			if (moved.changes !== 1) throw new AppError(409, 'err.vote.tieDecided');
			// For a motion, a casting vote for "no" rejects it.
			const outcome = v.method === 'yna' && optionId !== 'yes' ? 'rejected' : 'adopted';
			decide(tx, v, outcome, outcome === 'adopted' ? optionId : null, actor.userId, now, true);
			audit(tx, actor.userId, 'vote.castingVote', id, { optionId }, voteChain(id));
		},
		{ behavior: 'immediate' }
	);
	announceVote(db, loadVote(db, id), 'decided');
	return decision;
}

/** Take the vote again after a tie: a new draft with the same question, linked both ways. */
export function revote(db: Db, actor: Actor, id: string): string {
	const { v } = tied(db, actor, id, 'vote.manage');
	const spec = v.spec as VoteSpec;
	const newId = createVote(
		db,
		actor,
		{
			title: v.title,
			meetingId: v.meetingId,
			agendaItemId: v.itemId,
			motionId: v.motionId,
			committeeId: v.committeeId,
			method: v.method,
			options:
				spec.method === 'yna' ? undefined : spec.options.map((o) => ({ label: o.label ?? o.id })),
			maxChoices: spec.method === 'multiple' ? spec.maxChoices : undefined,
			secret: v.secret,
			trackingCodes: v.trackingCodes,
			liveResults: v.liveResults,
			electorate: v.electorate,
			communityIds: v.communityIds as string[],
			quorum: spec.quorum,
			threshold: spec.method === 'yna' ? spec.threshold : undefined,
			closesAt: v.meetingId ? undefined : new Date(Date.now() + 24 * 3600_000)
		},
		{ revoteOf: id }
	);
	const decision: TieDecision = { kind: 'revote', voteId: newId, at: Date.now() };
	db.transaction((tx) => {
		tx.update(votes).set({ decision }).where(eq(votes.id, id)).run();
		audit(tx, actor.userId, 'vote.revote', id, { voteId: newId }, voteChain(id));
	});
	announceVote(db, loadVote(db, id), 'decided');
	return newId;
}

/** Delete a draft (an open or closed vote is part of the record and stays). */
export function deleteDraft(db: Db, actor: Actor, id: string): void {
	voteFor(db, actor, id, 'vote.manage');
	const gone = db
		.delete(votes)
		.where(and(eq(votes.id, id), eq(votes.status, 'draft')))
		.run();
	if (gone.changes !== 1) throw new AppError(409, 'err.vote.notDraft');
}

// A meeting that closes counts its votes still open, in the same transaction: a closed meeting
// never has an open vote, even if the server stops right after.
onDomainEvent('meeting.closing', 'votes.closeOpen', ({ tx, meetingId, afterCommit }) => {
	const open = tx
		.select()
		.from(votes)
		.where(and(eq(votes.meetingId, meetingId), eq(votes.status, 'open')))
		.all();
	const now = new Date();
	for (const v of open) {
		freeze(tx, v, null, now);
		afterCommit(() => announceVote(tx, loadVote(tx, v.id), 'closed'));
	}
});
