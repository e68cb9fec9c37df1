/**
 * A need waits for residents' ratings after its task is approved, then closes on its own: the
 * approval (announced as `task.approved` inside its transaction) schedules a `need.ratingClose`
 * job per need, written in the same commit, so a restart neither loses nor repeats it. The job
 * closes the need if it is still done (the submitter's rating may have closed it already).
 *
 * This file is imported by src/lib/server/jobs.ts, so the listener is registered wherever the
 * scheduler's kinds are known: in the server and in the SvelteKit bundle alike.
 */
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { DbLike } from '../db';
import { needs } from '../db/schema';
import { defineJob, schedule } from '../platform/jobs';
import { onDomainEvent } from '../platform/domain-events';
import { broadcastNeedChange } from '../needs/broadcast';
import { DEFAULT_RATING_DAYS } from '../../shared/tasks/options';
import { closeKey } from './close-key';
import { closeNeed } from './rate';

/** Days a done need waits for ratings (RATING_DAYS, default DEFAULT_RATING_DAYS). */
export const ratingDays = () => Number(process.env.RATING_DAYS || DEFAULT_RATING_DAYS);

export const needRatingClose = defineJob({
	kind: 'need.ratingClose',
	payload: z.object({ needId: z.string() }),
	run({ tx, payload, now, afterCommit }) {
		if (!closeNeed(tx, payload.needId, null, now)) return;
		const need = tx.select().from(needs).where(eq(needs.id, payload.needId)).get();
		if (need) afterCommit(() => broadcastNeedChange(need));
	}
});

/** Start each need's rating days (inside the approving transaction). */
export function scheduleRatingClose(tx: DbLike, needIds: readonly string[], now: Date): void {
	const dueAt = new Date(now.getTime() + ratingDays() * 86_400_000);
	for (const needId of new Set(needIds))
		schedule(tx, needRatingClose, { key: closeKey(needId), dueAt, payload: { needId } });
}

onDomainEvent('task.approved', 'ratings.close', ({ tx, needIds, now }) =>
	scheduleRatingClose(tx, needIds, now)
);
