/**
 * Votes as people see them. Before close a secret vote shows counts only (eligible, present,
 * cast, in the room), to everyone, the chair included; a named vote may show its running count
 * when the chair chose so. A draft is seen only by those who prepare votes.
 */
import { and, asc, desc, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Db, DbLike } from '../db';
import { ballots, units, users, voteRoll, votes, type VoteRow } from '../db/schema';
import { notFound } from '../errors';
import { loadMeeting } from '../meetings/meetings';
import { decisionScope, voteFor, voteScope } from './access';
import { openReceipt } from './receipt';
import { seatsOf } from './roll';
import { unitNames, userNames } from './names';
import { can, type Actor } from '../../shared/permissions';
import type { Ballot, VoteSpec } from '../../shared/votes/methods';
import type { MySeat, RollEntry, VoteCounts, VoteResult, VoteView } from '../../shared/votes/view';

export function voteCounts(db: DbLike, v: VoteRow): VoteCounts {
	if (v.status === 'draft') return { eligible: 0, present: 0, cast: 0, inRoom: 0 };
	const row = db
		.select({
			eligible: sql<number>`count(*)`,
			cast: sql<number>`count(${voteRoll.castAt})`,
			inRoom: sql<number>`sum(case when ${voteRoll.origin} = 'room' then 1 else 0 end)`
		})
		.from(voteRoll)
		.where(eq(voteRoll.voteId, v.id))
		.get()!;
	return {
		eligible: row.eligible,
		present: v.presentCount,
		cast: row.cast,
		inRoom: row.inRoom ?? 0
	};
}

/** A named vote's running count by option (only where the chair turned live results on). */
function running(db: DbLike, v: VoteRow): Record<string, number> | null {
	if (v.secret || !v.liveResults || v.status !== 'open') return null;
	const out: Record<string, number> = {};
	for (const { choice } of db
		.select({ choice: ballots.choice })
		.from(ballots)
		.where(eq(ballots.voteId, v.id))
		.all()) {
		const b = choice as Ballot;
		const marks =
			'choice' in b
				? [b.choice]
				: 'choices' in b
					? b.choices
					: 'ranking' in b
						? b.ranking.slice(0, 1)
						: [];
		for (const m of marks) out[m] = (out[m] ?? 0) + 1;
	}
	return out;
}

function optionsOf(spec: VoteSpec) {
	if (spec.method === 'yna')
		return (['yes', 'no', 'abstain'] as const).map((c) => ({
			id: spec.optionIds?.[c] ?? c,
			label: c
		}));
	return spec.options.map((o) => ({ id: o.id, label: o.label ?? o.id }));
}

export interface ViewOptions {
	/**
	 * Leave the published ballot list and the named list out (live broadcasts: a thousand voters
	 * each sent a thousand names would take seconds; clients fetch them with `vote:get`).
	 */
	withoutBallots?: boolean;
	counts?: VoteCounts;
}

export function toVoteView(db: DbLike, v: VoteRow, o: ViewOptions = {}): VoteView {
	const spec = v.spec as VoteSpec;
	let result = (v.result as VoteResult | null) ?? null;
	if (result && o.withoutBallots) result = { ...result, ballots: [], named: [] };
	return {
		id: v.id,
		committeeId: v.committeeId,
		meetingId: v.meetingId,
		agendaItemId: v.itemId,
		motionId: v.motionId,
		title: v.title,
		method: v.method,
		options: optionsOf(spec),
		maxChoices: spec.method === 'multiple' ? (spec.maxChoices ?? spec.options.length) : null,
		secret: v.secret,
		trackingCodes: v.trackingCodes,
		liveResults: v.liveResults,
		electorate: v.electorate,
		communityIds: v.communityIds as string[],
		per: v.per,
		quorum: spec.quorum ?? null,
		threshold: spec.method === 'yna' ? (spec.threshold ?? null) : null,
		status: v.status,
		openedAt: v.openedAt?.getTime() ?? null,
		closesAt: v.closesAt?.getTime() ?? null,
		closedAt: v.closedAt?.getTime() ?? null,
		counts: o.counts ?? voteCounts(db, v),
		running: running(db, v),
		result,
		decision: (v.decision as VoteView['decision']) ?? null,
		revoteOf: v.revoteOf,
		createdAt: v.createdAt.getTime()
	};
}

const mayManage = (db: DbLike, actor: Actor, v: VoteRow) =>
	can(actor, 'vote.manage', voteScope(db, v));

export function getVote(db: Db, actor: Actor, id: string): VoteView {
	const v = voteFor(db, actor, id);
	if (v.status === 'draft' && !mayManage(db, actor, v)) throw notFound();
	return toVoteView(db, v);
}

/** A meeting's votes, in the order they were prepared (drafts only for those who run votes). */
export function listMeetingVotes(
	db: Db,
	actor: Actor,
	meetingId: string,
	o: ViewOptions = {}
): VoteView[] {
	const meeting = loadMeeting(db, meetingId);
	const scope = decisionScope(db, meeting.committeeId, meetingId);
	if (!can(actor, 'vote.view', scope)) throw notFound();
	const manage = can(actor, 'vote.manage', scope);
	return db
		.select()
		.from(votes)
		.where(eq(votes.meetingId, meetingId))
		.orderBy(asc(votes.createdAt))
		.all()
		.filter((v) => manage || v.status !== 'draft')
		.map((v) => toVoteView(db, v, o));
}

/** Polls between meetings the actor may see, open ones first. */
export function listPolls(db: Db, actor: Actor): VoteView[] {
	const committeeIds = [...new Set(actor.roles.map((r) => r.committeeId))];
	if (!committeeIds.length) return [];
	return db
		.select()
		.from(votes)
		.where(and(isNull(votes.meetingId), inArray(votes.committeeId, committeeIds)))
		.orderBy(
			sql`case ${votes.status} when 'open' then 0 when 'draft' then 1 else 2 end`,
			desc(votes.createdAt)
		)
		.limit(200)
		.all()
		.filter(
			(v) =>
				can(actor, 'vote.view', voteScope(db, v)) &&
				(v.status !== 'draft' || mayManage(db, actor, v))
		)
		.map((v) => toVoteView(db, v, { withoutBallots: true }));
}

/** The seats the actor may vote for, and whether each was counted (with its tracking code, to them only). */
export function mySeats(db: DbLike, actor: Actor, v: VoteRow): MySeat[] {
	if (v.status === 'draft') return [];
	const rows = seatsOf(db, v, actor.userId);
	const names = userNames(
		db,
		rows.map((r) => r.userId)
	);
	const unitName = unitNames(
		db,
		rows.map((r) => r.unitId)
	);
	return rows.map((r) => ({
		seat: r.seat,
		label: r.userId ? (names.get(r.userId) ?? '') : (unitName.get(r.unitId!) ?? ''),
		proxy: r.proxyId === actor.userId,
		status: r.origin === 'room' ? 'room' : r.castAt ? 'cast' : 'waiting',
		castAt: r.castAt?.getTime() ?? null,
		trackingCode: r.castBy === actor.userId ? openReceipt(r.receipt, v.id, r.seat) : null
	}));
}

/** The roll as shown: who is eligible, present, and has voted (never what they chose). */
export function rollView(db: Db, actor: Actor, id: string): RollEntry[] {
	const v = voteFor(db, actor, id);
	const rows = db
		.select({ roll: voteRoll, name: users.displayName, unitName: units.name })
		.from(voteRoll)
		.leftJoin(users, eq(users.id, voteRoll.userId))
		.leftJoin(units, eq(units.id, voteRoll.unitId))
		.where(eq(voteRoll.voteId, v.id))
		.orderBy(asc(voteRoll.seat))
		.all();
	const names = userNames(
		db,
		rows.map((r) => r.roll.proxyId)
	);
	return rows.map((r) => ({
		seat: r.roll.seat,
		name: r.name ?? r.unitName ?? '',
		unitName: r.unitName ?? '',
		present: r.roll.present,
		proxyName: r.roll.proxyId ? (names.get(r.roll.proxyId) ?? null) : null,
		status: r.roll.origin === 'room' ? 'room' : r.roll.castAt ? 'cast' : 'waiting'
	}));
}

/** Open votes the person still has a seat to cast in (their vote history's "to do"). */
export function myOpenVotes(db: Db, actor: Actor): VoteRow[] {
	return db
		.select({ v: votes })
		.from(voteRoll)
		.innerJoin(votes, eq(votes.id, voteRoll.voteId))
		.where(
			and(
				eq(votes.status, 'open'),
				isNull(voteRoll.castAt),
				eq(voteRoll.userId, actor.userId),
				isNull(voteRoll.proxyId)
			)
		)
		.all()
		.map((r) => r.v);
}

/** Votes the person cast in (any seat), newest first, with their seats: their vote history. */
export function myVoteHistory(db: Db, actor: Actor): { vote: VoteView; seats: MySeat[] }[] {
	const rows = db
		.selectDistinct({ v: votes })
		.from(voteRoll)
		.innerJoin(votes, eq(votes.id, voteRoll.voteId))
		.where(and(eq(voteRoll.castBy, actor.userId), isNotNull(voteRoll.castAt)))
		.orderBy(desc(votes.createdAt))
		.limit(200)
		.all();
	return rows.map(({ v }) => ({
		vote: toVoteView(db, v, { withoutBallots: true }),
		seats: mySeats(db, actor, v)
	}));
}
