/**
 * Counting a vote once and for all: the tally, the ballot list in random order, the named list,
 * the hash, the motion's status and the resolution, in the transaction that closes it.
 */
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { DbLike } from '../db';
import { ballots, motions, voteRoll, votes, type VoteRow } from '../db/schema';
import { audit, voteChain } from '../platform/audit';
import { cancel } from '../platform/jobs';
import { adopt } from './resolutions';
import { unitNames, userNames } from './names';
import { voteJobKeys } from './job-keys';
import { tally } from '../../shared/votes';
import type { Ballot, VoteSpec } from '../../shared/votes/methods';
import type { NamedBallot, PublishedBallot, VoteResult } from '../../shared/votes/view';

/**
 * SHA-256 of the result as published, less its time (which the API shows as ISO 8601 and the
 * browser as epoch ms): anyone can drop `hash` and `closedAt` from the published result,
 * hash the JSON of the rest, and check it was not changed after close.
 */
function resultHash(r: Omit<VoteResult, 'hash'>): string {
	const { closedAt: _closedAt, ...counted } = r;
	return encodeHexLowerCase(sha256(new TextEncoder().encode(JSON.stringify(counted))));
}

/** Who voted what, for a named vote's result. */
function namedList(tx: DbLike, v: VoteRow, byId: Map<string, Ballot>): NamedBallot[] {
	if (v.secret) return [];
	const rows = tx
		.select()
		.from(voteRoll)
		.where(eq(voteRoll.voteId, v.id))
		.orderBy(asc(voteRoll.seat))
		.all()
		.filter((r) => r.castAt);
	const names = userNames(
		tx,
		rows.flatMap((r) => [r.userId, r.castBy])
	);
	const unitName = unitNames(
		tx,
		rows.map((r) => r.unitId)
	);
	return rows.map((r) => ({
		seat: r.seat,
		name: r.userId ? (names.get(r.userId) ?? '') : (unitName.get(r.unitId!) ?? ''),
		unitName: r.unitId ? (unitName.get(r.unitId) ?? '') : '',
		castByName: r.castBy && r.castBy !== r.userId ? (names.get(r.castBy) ?? null) : null,
		origin: r.origin ?? 'online',
		ballot: r.ballotId ? (byId.get(r.ballotId) ?? null) : null
	}));
}

/** Count and freeze (inside a transaction that holds the write lock). */
export function freeze(
	tx: DbLike,
	v: VoteRow,
	actorId: string | null,
	now: Date,
	runningJob?: string
): VoteResult {
	const spec = v.spec as VoteSpec;
	// Ordered by the random id: the published list's order says nothing about who or when.
	const box = tx
		.select()
		.from(ballots)
		.where(eq(ballots.voteId, v.id))
		.orderBy(asc(ballots.id))
		.all();
	const eligible = tx
		.select({ n: sql<number>`count(*)` })
		.from(voteRoll)
		.where(eq(voteRoll.voteId, v.id))
		.get()!.n;
	const counted = tally(
		spec,
		box.map((b) => b.choice),
		eligible
	);
	const room = box.filter((b) => b.origin === 'room');
	let roomCounts: Record<string, number> | null = null;
	if (room.length) {
		roomCounts = {};
		for (const b of room) {
			const c = (b.choice as { choice: string }).choice;
			roomCounts[c] = (roomCounts[c] ?? 0) + 1;
		}
	}
	const published: PublishedBallot[] = box.map((b) => ({
		trackingCode: v.trackingCodes ? b.trackingCode : null,
		ballot: b.choice as Ballot,
		origin: b.origin
	}));
	const byId = new Map(box.map((b) => [b.id, b.choice as Ballot]));
	const unhashed = {
		...counted,
		closedAt: now.getTime(),
		ballots: published,
		roomCounts,
		named: namedList(tx, v, byId)
	};
	const result: VoteResult = { ...unhashed, hash: resultHash(unhashed) };
	const moved = tx
		.update(votes)
		.set({ status: 'closed', closedAt: now, result, resultHash: result.hash })
		.where(and(eq(votes.id, v.id), eq(votes.status, 'open')))
		.run();
	if (moved.changes !== 1) throw new Error(`vote ${v.id} was not open when frozen`);
	// The countdown's own job is left alone when it is the one closing: the scheduler marks it done.
	for (const key of voteJobKeys(v.id)) if (key !== runningJob) cancel(tx, key);
	decide(tx, v, counted.outcome, counted.winner, actorId, now);
	audit(
		tx,
		actorId,
		'vote.close',
		v.id,
		{
			outcome: counted.outcome,
			winner: counted.winner,
			cast: counted.totals.cast,
			hash: result.hash
		},
		voteChain(v.id)
	);
	return result;
}

/** The motion's status, and a resolution when the vote adopted something binding. */
export function decide(
	tx: DbLike,
	v: VoteRow,
	outcome: VoteResult['outcome'],
	winner: string | null,
	actorId: string | null,
	now: Date,
	byCastingVote = false
) {
	if (v.motionId)
		tx.update(motions)
			.set({
				status: outcome,
				reason: outcome === 'adopted' ? '' : `vote.outcome.${outcome}`,
				updatedAt: now
			})
			.where(eq(motions.id, v.motionId))
			.run();
	// Residents' votes are advisory: they inform a decision, they do not make one.
	if (outcome === 'adopted' && v.electorate !== 'residents')
		adopt(tx, v, winner, { byCastingVote, actorId, at: now });
}
