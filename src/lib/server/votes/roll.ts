/**
 * The roll (表决名单): who may vote, fixed when the vote opens. A seat is a person (`u:<id>`) or,
 * where the committee votes per member unit, a unit (`unit:<id>`, cast by any of its members).
 *
 * - `present`: members checked in at the hall and in it when the vote opens, plus those who
 *   handed their vote to someone present;
 * - `members`: the voting members invited to the meeting (the chair and member units'
 *   representatives), or every voting member of the committee for a poll;
 * - `residents`: residents of the chosen communities (advisory).
 */
import { and, eq, inArray, isNotNull, isNull, or } from 'drizzle-orm';
import type { DbLike } from '../db';
import { attendance, roleAssignments, voteProxies, voteRoll, type VoteRow } from '../db/schema';
import { invitees, loadMeeting } from '../meetings/meetings';
import { QUORUM_ROLES } from '../../shared/hall';

export const personSeat = (userId: string) => `u:${userId}`;
export const unitSeat = (unitId: string) => `unit:${unitId}`;

type Grant = { userId: string; role: string; unitId: string | null; communityId: string | null };

function grantsOf(db: DbLike, committeeId: string): Grant[] {
	return db
		.select({
			userId: roleAssignments.userId,
			role: roleAssignments.role,
			unitId: roleAssignments.unitId,
			communityId: roleAssignments.communityId
		})
		.from(roleAssignments)
		.where(eq(roleAssignments.committeeId, committeeId))
		.all();
}

/** In the hall now, checked in, and counting towards quorum. */
function presentIn(db: DbLike, meetingId: string): Set<string> {
	return new Set(
		db
			.select({ userId: attendance.userId })
			.from(attendance)
			.where(
				and(
					eq(attendance.meetingId, meetingId),
					isNotNull(attendance.checkedInAt),
					isNotNull(attendance.presentSince),
					eq(attendance.countsForQuorum, true)
				)
			)
			.all()
			.map((r) => r.userId)
	);
}

export interface RollSeat {
	seat: string;
	userId: string | null;
	unitId: string | null;
	proxyId: string | null;
	present: boolean;
}

/** The people who vote in a meeting or a poll (before per-unit seats and proxies). */
function voters(db: DbLike, v: VoteRow, grants: Grant[], present: Set<string>): Set<string> {
	const voting = (g: Grant) => (QUORUM_ROLES as readonly string[]).includes(g.role);
	if (v.electorate === 'residents') {
		const communities = new Set(v.communityIds as string[]);
		return new Set(
			grants
				.filter(
					(g) =>
						g.role === 'resident' &&
						(communities.size === 0 || (g.communityId !== null && communities.has(g.communityId)))
				)
				.map((g) => g.userId)
		);
	}
	const members = new Set(grants.filter(voting).map((g) => g.userId));
	if (!v.meetingId) return members;
	const invited = new Set(invitees(db, loadMeeting(db, v.meetingId)));
	const inMeeting = [...members].filter((u) => invited.has(u));
	if (v.electorate === 'members') return new Set(inMeeting);
	return new Set(inMeeting.filter((u) => present.has(u)));
}

/** The seats of a vote as they would be if it opened now. */
export function computeRoll(db: DbLike, v: VoteRow): RollSeat[] {
	const grants = grantsOf(db, v.committeeId);
	const present = v.meetingId ? presentIn(db, v.meetingId) : new Set<string>();
	const proxies = v.meetingId
		? db.select().from(voteProxies).where(eq(voteProxies.meetingId, v.meetingId)).all()
		: [];
	let people = voters(db, v, grants, present);
	if (v.electorate === 'present') {
		// A member who handed their vote to someone present is represented by them.
		const all = voters(db, { ...v, electorate: 'members' }, grants, present);
		for (const p of proxies)
			if (all.has(p.fromUserId) && present.has(p.toUserId)) people.add(p.fromUserId);
		people = new Set(people);
	}
	if (v.per === 'unit' && v.electorate !== 'residents') {
		const units = new Map<string, boolean>();
		for (const g of grants)
			if (g.role === 'member' && g.unitId && people.has(g.userId))
				units.set(g.unitId, (units.get(g.unitId) ?? false) || present.has(g.userId));
		return [...units].map(([unitId, here]) => ({
			seat: unitSeat(unitId),
			userId: null,
			unitId,
			proxyId: null,
			present: here
		}));
	}
	const proxyOf = new Map(proxies.map((p) => [p.fromUserId, p.toUserId]));
	return [...people].map((userId) => {
		const holder = proxyOf.get(userId);
		return {
			seat: personSeat(userId),
			userId,
			unitId: null,
			// A proxy counts only where its holder may vote at all.
			proxyId: holder && v.electorate !== 'residents' ? holder : null,
			present: present.has(userId)
		};
	});
}

/** Write the roll as the vote opens (inside the opening transaction). */
export function fixRoll(tx: DbLike, v: VoteRow): { eligible: number; present: number } {
	const seats = computeRoll(tx, v);
	for (let i = 0; i < seats.length; i += 500)
		tx.insert(voteRoll)
			.values(seats.slice(i, i + 500).map((s) => ({ voteId: v.id, ...s })))
			.run();
	return { eligible: seats.length, present: seats.filter((s) => s.present).length };
}

/** The member units a person represents in a committee (for per-unit seats). */
export function unitsOf(db: DbLike, committeeId: string, userId: string): string[] {
	return db
		.select({ unitId: roleAssignments.unitId })
		.from(roleAssignments)
		.where(
			and(
				eq(roleAssignments.committeeId, committeeId),
				eq(roleAssignments.userId, userId),
				eq(roleAssignments.role, 'member'),
				isNotNull(roleAssignments.unitId)
			)
		)
		.all()
		.map((r) => r.unitId!);
}

/** The roll rows a person may cast: their own seat, seats handed to them, their units' seats. */
export function seatsOf(db: DbLike, v: VoteRow, userId: string) {
	const units = v.per === 'unit' ? unitsOf(db, v.committeeId, userId) : [];
	return db
		.select()
		.from(voteRoll)
		.where(
			and(
				eq(voteRoll.voteId, v.id),
				or(
					and(eq(voteRoll.userId, userId), isNull(voteRoll.proxyId)),
					eq(voteRoll.proxyId, userId),
					units.length ? inArray(voteRoll.unitId, units) : undefined
				)
			)
		)
		.all();
}

/** Roll rows for a set of seats (the recorder's show of hands). */
export function rollRows(db: DbLike, voteId: string, seats: string[]) {
	return db
		.select()
		.from(voteRoll)
		.where(and(eq(voteRoll.voteId, voteId), inArray(voteRoll.seat, seats)))
		.all();
}
