/** Supporting a need (附议) and taking it back; who follows a need's progress. */
import { and, eq, sql } from 'drizzle-orm';
import type { Db, DbLike } from '../db';
import { needSupports, needs, type Need } from '../db/schema';
import { AppError, forbidden, notFound } from '../errors';
import { can, type Actor } from '../../shared/permissions';
import { broadcastNeedChange } from './broadcast';
import { canSeeNeed } from './needs';

/** Support (附议) once. A second support by the same person changes nothing (409). */
export function supportNeed(db: Db, actor: Actor, id: string) {
	const need = db.select().from(needs).where(eq(needs.id, id)).get();
	if (!need || !canSeeNeed(actor, need)) throw notFound();
	if (
		!can(actor, 'need.support', { committeeId: need.committeeId }) ||
		need.visibility !== 'public' ||
		need.submittedBy === actor.userId
	)
		throw forbidden();
	if (need.status === 'declined' || need.status === 'merged')
		throw new AppError(409, 'err.needClosed');
	const count = db.transaction(
		(tx) => {
			const r = tx
				.insert(needSupports)
				.values({ needId: id, userId: actor.userId, createdAt: new Date() })
				.onConflictDoNothing()
				.run();
			if (r.changes === 0) throw new AppError(409, 'err.alreadySupported');
			tx.update(needs)
				.set({ supportCount: sql`${needs.supportCount} + 1` })
				.where(eq(needs.id, id))
				.run();
			return tx.select({ n: needs.supportCount }).from(needs).where(eq(needs.id, id)).get()!.n;
		},
		{ behavior: 'immediate' }
	);
	broadcastNeedChange({ ...need, supportCount: count });
	return { supportCount: count, supportedByMe: true };
}

/**
 * Withdraw one's support (取消附议), as Decidim and CONSUL allow. Only a support that exists
 * can be withdrawn (409 otherwise), so the count never goes below the supporters in the table;
 * a closed need keeps its supporters, who are its record. The withdrawn supporter stops
 * hearing about the need's progress, as they are no longer among its followers.
 */
export function withdrawSupport(db: Db, actor: Actor, id: string) {
	const need = db.select().from(needs).where(eq(needs.id, id)).get();
	if (!need || !canSeeNeed(actor, need)) throw notFound();
	const count = db.transaction(
		(tx) => {
			// Read under the write lock: a merge carrying this support over cannot slip in between.
			const now = tx.select({ status: needs.status }).from(needs).where(eq(needs.id, id)).get();
			if (!now || now.status === 'declined' || now.status === 'merged')
				throw new AppError(409, 'err.needClosed');
			const r = tx
				.delete(needSupports)
				.where(and(eq(needSupports.needId, id), eq(needSupports.userId, actor.userId)))
				.run();
			if (r.changes === 0) throw new AppError(409, 'err.notSupported');
			tx.update(needs)
				.set({ supportCount: sql`max(0, ${needs.supportCount} - 1)` })
				.where(eq(needs.id, id))
				.run();
			return tx.select({ n: needs.supportCount }).from(needs).where(eq(needs.id, id)).get()!.n;
		},
		{ behavior: 'immediate' }
	);
	broadcastNeedChange({ ...need, supportCount: count });
	return { supportCount: count, supportedByMe: false };
}

/** The submitter and supporters of a need: who hears about its progress. */
export function needFollowers(db: DbLike, need: Need): string[] {
	return interested(db, need);
}

export function interested(db: DbLike, need: Need): string[] {
	const supporters = db
		.select({ userId: needSupports.userId })
		.from(needSupports)
		.where(eq(needSupports.needId, need.id))
		.all()
		.map((s) => s.userId);
	return [...(need.submittedBy ? [need.submittedBy] : []), ...supporters];
}
