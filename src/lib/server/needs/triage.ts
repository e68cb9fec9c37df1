/** Staff handle needs: accept, decline, merge, reveal a contact phone; the queue's counts. */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db';
import { needSupports, needs, type Need } from '../db/schema';
import { AppError, forbidden, notFound } from '../errors';
import { open } from '../crypto/pii';
import { can, type Actor } from '../../shared/permissions';
import type { NeedStatus } from '../../shared/schemas/needs';
import { audit, committeeChain } from '../platform/audit';
import { notify } from '../notifications/notifications';
import { broadcastNeedChange } from './broadcast';
import { canSeeNeed, needEvent, phoneAad } from './needs';
import { interested } from './support';

function managed(db: Db, actor: Actor, id: string): Need {
	const need = db.select().from(needs).where(eq(needs.id, id)).get();
	if (!need || !canSeeNeed(actor, need)) throw notFound();
	if (!can(actor, 'need.manage', { committeeId: need.committeeId })) throw forbidden();
	return need;
}

/** Change status with a timeline entry, an audit entry and notifications, in one transaction. */
function transition(
	db: Db,
	actor: Actor,
	need: Need,
	to: NeedStatus,
	from: NeedStatus[],
	detail: Record<string, unknown>,
	set: Partial<Need> = {}
) {
	const push = db.transaction(
		(tx) => {
			const r = tx
				.update(needs)
				.set({ ...set, status: to, updatedAt: new Date() })
				.where(and(eq(needs.id, need.id), inArray(needs.status, from)))
				.run();
			if (r.changes === 0) throw new AppError(409, 'err.needWrongState');
			needEvent(tx, need.id, actor.userId, to, detail);
			audit(
				tx,
				actor.userId,
				`need.${to}`,
				`need:${need.id}`,
				detail,
				committeeChain(need.committeeId)
			);
			return notify(tx, interested(tx, need), {
				kind: 'need.status',
				params: { title: need.title, status: to },
				link: `/needs/${need.id}`
			});
		},
		{ behavior: 'immediate' }
	);
	push();
	const updated = db.select().from(needs).where(eq(needs.id, need.id)).get()!;
	broadcastNeedChange(updated);
	return updated;
}

export function acceptNeed(db: Db, actor: Actor, id: string) {
	const need = managed(db, actor, id);
	return transition(db, actor, need, 'accepted', ['submitted'], {}, { respondedAt: new Date() });
}

export function declineNeed(db: Db, actor: Actor, id: string, reason: string) {
	const need = managed(db, actor, id);
	return transition(
		db,
		actor,
		need,
		'declined',
		['submitted', 'accepted'],
		{ reason },
		{ declineReason: reason, respondedAt: new Date() }
	);
}

/** Merge a duplicate into another need: its supporters (and submitter) carry over, each once. */
export function mergeNeed(db: Db, actor: Actor, id: string, intoId: string) {
	const dup = managed(db, actor, id);
	const target = managed(db, actor, intoId);
	if (dup.id === target.id || dup.committeeId !== target.committeeId)
		throw new AppError(422, 'err.validation', { intoId: ['err.choose'] });
	if (['merged', 'declined'].includes(target.status)) throw new AppError(409, 'err.needWrongState');
	const push = db.transaction(
		(tx) => {
			const r = tx
				.update(needs)
				.set({
					status: 'merged',
					mergedInto: target.id,
					updatedAt: new Date(),
					respondedAt: new Date()
				})
				.where(and(eq(needs.id, dup.id), inArray(needs.status, ['submitted', 'accepted'])))
				.run();
			if (r.changes === 0) throw new AppError(409, 'err.needWrongState');
			const carried = [...interested(tx, dup)].filter((u) => u !== target.submittedBy);
			// Nobody may become a supporter of a private need they cannot see (later status
			// notifications would carry its title to them).
			if (target.visibility === 'private' && carried.length)
				throw new AppError(422, 'err.validation', { intoId: ['err.choose'] });
			for (const userId of carried)
				tx.insert(needSupports)
					.values({ needId: target.id, userId, createdAt: new Date() })
					.onConflictDoNothing()
					.run();
			const n = tx
				.select({ n: sql<number>`count(*)` })
				.from(needSupports)
				.where(eq(needSupports.needId, target.id))
				.get()!.n;
			tx.update(needs)
				.set({ supportCount: n, updatedAt: new Date() })
				.where(eq(needs.id, target.id))
				.run();
			// Each timeline is read by the people of its own need: a private title stays out of the other's.
			needEvent(
				tx,
				dup.id,
				actor.userId,
				'merged',
				target.visibility === 'public' ? { into: target.id, intoTitle: target.title } : {}
			);
			needEvent(
				tx,
				target.id,
				actor.userId,
				'merged_from',
				dup.visibility === 'public' ? { from: dup.id, fromTitle: dup.title } : {}
			);
			audit(
				tx,
				actor.userId,
				'need.merge',
				`need:${dup.id}`,
				{ into: target.id },
				committeeChain(dup.committeeId)
			);
			return notify(tx, interested(tx, dup), {
				kind: 'need.merged',
				params: { title: dup.title, into: target.title },
				link: `/needs/${target.id}`
			});
		},
		{ behavior: 'immediate' }
	);
	push();
	const updatedDup = db.select().from(needs).where(eq(needs.id, dup.id)).get()!;
	const updatedTarget = db.select().from(needs).where(eq(needs.id, target.id)).get()!;
	broadcastNeedChange(updatedDup);
	broadcastNeedChange(updatedTarget);
	return updatedTarget;
}

/** Reveal a contact phone: staff only, with a reason, and always audited. */
export function revealPhone(db: Db, actor: Actor, id: string, reason: string): string {
	const need = db.select().from(needs).where(eq(needs.id, id)).get();
	if (!need || !canSeeNeed(actor, need)) throw notFound();
	if (!can(actor, 'need.revealPhone', { committeeId: need.committeeId }) || !need.contactPhoneEnc)
		throw forbidden();
	const phone = open(need.contactPhoneEnc, phoneAad(id));
	audit(
		db,
		actor.userId,
		'need.revealPhone',
		`need:${id}`,
		{ reason },
		committeeChain(need.committeeId)
	);
	return phone;
}

/** Staff queue: how many needs wait for acceptance, and how many of them are overdue. */
export function waitingCount(
	db: Db,
	actor: Actor,
	committeeId: string
): { waiting: number; overdue: number } {
	if (!can(actor, 'need.viewQueue', { committeeId })) return { waiting: 0, overdue: 0 };
	const r = db
		.select({
			waiting: sql<number>`count(*)`,
			overdue: sql<number>`sum(case when ${needs.respondBy} < ${Date.now()} then 1 else 0 end)`
		})
		.from(needs)
		.where(and(eq(needs.committeeId, committeeId), eq(needs.status, 'submitted')))
		.get();
	return { waiting: r?.waiting ?? 0, overdue: r?.overdue ?? 0 };
}
