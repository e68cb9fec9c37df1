/**
 * Reopening (重新办理): when residents rated the result 1–2 stars, the secretary sends the need
 * back to the board (`accepted`). Its first attempt stays on its record: the tasks and ratings
 * are kept, and the timeline entry names them, so the trace shows both attempts.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db';
import { needEvents, needs, ratings, taskNeeds, type Need } from '../db/schema';
import { AppError, forbidden } from '../errors';
import { audit, committeeChain } from '../platform/audit';
import { cancel } from '../platform/jobs';
import { notify } from '../notifications/notifications';
import { broadcastNeedChange } from '../needs/broadcast';
import { needFollowers } from '../needs';
import { can, type Actor } from '../../shared/permissions';
import { REOPEN_MAX_SCORE } from '../../shared/ratings/schemas';
import { lastReopened, visibleNeed } from './access';
import { closeKey } from './close-key';
import { needScore } from './queries';

/** Send a poorly rated need back to the board, linked to its first attempt. */
export function reopenNeed(
	db: Db,
	actor: Actor,
	needId: string,
	reason = '',
	now = new Date()
): Need {
	const need = visibleNeed(db, actor, needId);
	if (!can(actor, 'need.reopen', { committeeId: need.committeeId })) throw forbidden();
	const push = db.transaction(
		(tx) => {
			const score = needScore(tx, need);
			if (score === null || score > REOPEN_MAX_SCORE)
				throw new AppError(409, 'err.ratings.notReopenable');
			const r = tx
				.update(needs)
				.set({ status: 'accepted', updatedAt: now })
				.where(and(eq(needs.id, need.id), inArray(needs.status, ['done', 'rated'])))
				.run();
			if (r.changes === 0) throw new AppError(409, 'err.ratings.notReopenable');
			const detail = {
				reason,
				score,
				since: lastReopened(tx, need.id)?.toISOString() ?? null,
				taskIds: tx
					.select({ id: taskNeeds.taskId })
					.from(taskNeeds)
					.where(eq(taskNeeds.needId, need.id))
					.all()
					.map((t) => t.id),
				ratingIds: tx
					.select({ id: ratings.id })
					.from(ratings)
					.where(eq(ratings.needId, need.id))
					.all()
					.map((x) => x.id)
			};
			tx.insert(needEvents)
				.values({
					needId: need.id,
					at: now,
					actorId: actor.userId,
					kind: 'reopened',
					detail: JSON.stringify(detail)
				})
				.run();
			cancel(tx, closeKey(need.id));
			audit(
				tx,
				actor.userId,
				'need.reopen',
				`need:${need.id}`,
				{ reason, score },
				committeeChain(need.committeeId)
			);
			return notify(tx, needFollowers(tx, need), {
				kind: 'need.status',
				params: { title: need.title, status: 'accepted' },
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
