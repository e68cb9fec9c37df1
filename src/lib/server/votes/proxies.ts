/**
 * Proxies (委托投票): a member hands their vote to another member for one meeting. It applies to
 * the votes opened after it is given (the roll is fixed at opening); the holder casts the seat
 * as well as their own, the giver no longer can, and the roll shows who holds whose vote.
 */
import { and, eq, inArray, or } from 'drizzle-orm';
import type { Db } from '../db';
import { roleAssignments, users, voteProxies } from '../db/schema';
import { AppError, forbidden } from '../errors';
import { audit, committeeChain } from '../platform/audit';
import { invitees, loadMeeting, meetingScope } from '../meetings/meetings';
import { can, type Actor } from '../../shared/permissions';
import { QUORUM_ROLES } from '../../shared/hall';
import { alias } from 'drizzle-orm/sqlite-core';

export interface ProxyView {
	fromUserId: string;
	fromName: string;
	toUserId: string;
	toName: string;
	createdAt: number;
}

export function listProxies(db: Db, actor: Actor, meetingId: string): ProxyView[] {
	const m = loadMeeting(db, meetingId);
	if (!can(actor, 'vote.view', meetingScope(m))) throw forbidden();
	const to = alias(users, 'holder');
	return db
		.select({ p: voteProxies, fromName: users.displayName, toName: to.displayName })
		.from(voteProxies)
		.innerJoin(users, eq(users.id, voteProxies.fromUserId))
		.innerJoin(to, eq(to.id, voteProxies.toUserId))
		.where(eq(voteProxies.meetingId, meetingId))
		.all()
		.map((r) => ({
			fromUserId: r.p.fromUserId,
			fromName: r.fromName,
			toUserId: r.p.toUserId,
			toName: r.toName,
			createdAt: r.p.createdAt.getTime()
		}));
}

export function giveProxy(db: Db, actor: Actor, meetingId: string, toUserId: string): ProxyView[] {
	const m = loadMeeting(db, meetingId);
	const scope = meetingScope(m);
	if (!can(actor, 'vote.proxy', scope)) throw forbidden();
	if (m.status === 'closed' || m.status === 'cancelled')
		throw new AppError(409, 'err.vote.meetingOver');
	if (toUserId === actor.userId)
		throw new AppError(422, 'err.validation', { toUserId: ['err.vote.proxySelf'] });
	// The holder must be a voting member of this meeting too.
	const votes = db
		.select({ id: roleAssignments.id })
		.from(roleAssignments)
		.where(
			and(
				eq(roleAssignments.userId, toUserId),
				eq(roleAssignments.committeeId, m.committeeId),
				inArray(roleAssignments.role, [...QUORUM_ROLES])
			)
		)
		.get();
	if (!votes || !invitees(db, m).includes(toUserId))
		throw new AppError(422, 'err.validation', { toUserId: ['err.vote.proxyNotMember'] });
	// No chains: a vote handed on is cast by the one who holds it, not handed on again.
	const chained = db
		.select()
		.from(voteProxies)
		.where(
			and(
				eq(voteProxies.meetingId, meetingId),
				or(eq(voteProxies.fromUserId, toUserId), eq(voteProxies.toUserId, actor.userId))
			)
		)
		.get();
	if (chained) throw new AppError(409, 'err.vote.proxyChain');
	db.transaction((tx) => {
		tx.insert(voteProxies)
			.values({ meetingId, fromUserId: actor.userId, toUserId, createdAt: new Date() })
			.onConflictDoUpdate({
				target: [voteProxies.meetingId, voteProxies.fromUserId],
				set: { toUserId, createdAt: new Date() }
			})
			.run();
		audit(
			tx,
			actor.userId,
			'vote.proxy',
			meetingId,
			{ to: toUserId },
			committeeChain(m.committeeId)
		);
	});
	return listProxies(db, actor, meetingId);
}

export function withdrawProxy(db: Db, actor: Actor, meetingId: string): ProxyView[] {
	const m = loadMeeting(db, meetingId);
	if (!can(actor, 'vote.proxy', meetingScope(m))) throw forbidden();
	db.transaction((tx) => {
		const gone = tx
			.delete(voteProxies)
			.where(and(eq(voteProxies.meetingId, meetingId), eq(voteProxies.fromUserId, actor.userId)))
			.run();
		if (gone.changes)
			audit(tx, actor.userId, 'vote.proxyWithdrawn', meetingId, {}, committeeChain(m.committeeId));
	});
	return listProxies(db, actor, meetingId);
}
