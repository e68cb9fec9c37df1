/**
 * Giving a rating (评单): a resident rates a need they raised or supported once its task is done,
 * or staff enter one given by phone or in person on a resident's behalf. Each rating is one row
 * (once per person per need, held by a unique index), a step on the task's and the need's
 * timelines, and, when it is the submitter's, the need's close.
 */
import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db, DbLike } from '../db';
import { newId } from '../db/ids';
import { needEvents, needs, ratings, type Need, type RatingRow } from '../db/schema';
import { addTaskEvent } from '../tasks/events';
import { AppError, forbidden } from '../errors';
import { audit, committeeChain } from '../platform/audit';
import { cancel } from '../platform/jobs';
import { broadcastNeedChange } from '../needs/broadcast';
import { can, type Actor } from '../../shared/permissions';
import type { RatingChannel } from '../../shared/tasks/options';
import type { onBehalfInput, ratingInput } from '../../shared/ratings/schemas';
import { doneTask, isFollower, visibleNeed } from './access';
import { closeKey } from './close-key';

interface NewRating {
	userId: string;
	score: number;
	comment: string;
	channel: RatingChannel;
	enteredBy: string | null;
}

/** A resident's own rating of a need they raised or supported: 201, 409 twice, 403 for others. */
export function rateNeed(
	db: Db,
	actor: Actor,
	needId: string,
	input: z.infer<typeof ratingInput>,
	now = new Date()
): RatingRow {
	const need = visibleNeed(db, actor, needId);
	const mine = isFollower(db, need, actor.userId);
	if (!can(actor, 'rating.give', { committeeId: need.committeeId, need: { mine } }))
		throw forbidden();
	return record(
		db,
		actor,
		need,
		{
			userId: actor.userId,
			score: input.score,
			comment: input.comment ?? '',
			channel: 'online',
			enteredBy: null
		},
		now
	);
}

/** A rating given by phone or in person, entered by staff for a resident who raised or supported the need. */
export function enterRating(
	db: Db,
	actor: Actor,
	needId: string,
	input: z.infer<typeof onBehalfInput>,
	now = new Date()
): RatingRow {
	const need = visibleNeed(db, actor, needId);
	if (!can(actor, 'rating.enterForResident', { committeeId: need.committeeId })) throw forbidden();
	if (!isFollower(db, need, input.userId))
		throw new AppError(422, 'err.validation', { userId: ['err.ratings.notFollower'] });
	return record(
		db,
		actor,
		need,
		{
			userId: input.userId,
			score: input.score,
			comment: input.comment ?? '',
			channel: input.channel,
			enteredBy: actor.userId
		},
		now
	);
}

function record(db: Db, actor: Actor, need: Need, r: NewRating, now: Date): RatingRow {
	let closed = false;
	const row = db.transaction(
		(tx) => {
			const task = doneTask(tx, need.id);
			if (!task) throw new AppError(409, 'err.ratings.notDone');
			const first = !tx
				.select({ id: ratings.id })
				.from(ratings)
				.where(and(eq(ratings.needId, need.id), eq(ratings.userId, r.userId)))
				.get();
			if (!first) throw new AppError(409, 'err.ratings.already');
			const row: RatingRow = {
				id: newId(),
				needId: need.id,
				taskId: task.id,
				...r,
				createdAt: now
			};
			tx.insert(ratings).values(row).run();
			const detail = { ratingId: row.id, score: r.score, channel: r.channel };
			addTaskEvent(tx, {
				taskId: task.id,
				at: now,
				actorId: actor.userId,
				kind: 'rated',
				detail: { ...detail, needId: need.id }
			});
			tx.insert(needEvents)
				.values({
					needId: need.id,
					at: now,
					actorId: actor.userId,
					kind: 'rating',
					detail: JSON.stringify(detail)
				})
				.run();
			audit(
				tx,
				actor.userId,
				'need.rating',
				`need:${need.id}`,
				{ ...detail, forUser: r.userId },
				committeeChain(need.committeeId)
			);
			// The submitter's rating closes the need: nothing is left to wait for.
			if (r.userId === need.submittedBy) {
				closed = closeNeed(tx, need.id, actor.userId, now);
				cancel(tx, closeKey(need.id));
			}
			return row;
		},
		{ behavior: 'immediate' }
	);
	if (closed) broadcastNeedChange({ ...need, status: 'rated' });
	return row;
}

/**
 * Close a need that is done (status `rated`), with a timeline entry; no-op for a need in any other
 * status. Returns whether it closed.
 */
export function closeNeed(tx: DbLike, needId: string, actorId: string | null, now: Date): boolean {
	const r = tx
		.update(needs)
		.set({ status: 'rated', updatedAt: now })
		.where(and(eq(needs.id, needId), eq(needs.status, 'done')))
		.run();
	if (r.changes === 0) return false;
	tx.insert(needEvents)
		.values({
			needId,
			at: now,
			actorId,
			kind: 'rated',
			detail: JSON.stringify({ by: actorId ? 'rating' : 'timeout' })
		})
		.run();
	return true;
}
