/**
 * The response-time limit of a need: when a need is submitted, a `need.overdue` job is scheduled
 * at its respondBy time. If the need still waits for acceptance then, the moment goes on its
 * timeline and the staff who handle the queue are told, once. (Whether a need shows as overdue
 * on the board is still read from its status and respondBy, so it holds between polls.)
 */
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { DbLike } from '../db';
import { needEvents, needs, roleAssignments, type Need } from '../db/schema';
import { can } from '../../shared/permissions';
import { defineJob, schedule } from '../platform/jobs';
import { notify } from '../notifications/notifications';
import { broadcastNeedChange } from './broadcast';

/** Everyone whose roles in the committee let them see the queue of needs waiting for acceptance. */
function queueStaff(db: DbLike, committeeId: string): string[] {
	const grants = db
		.select()
		.from(roleAssignments)
		.where(eq(roleAssignments.committeeId, committeeId))
		.all();
	const byUser = new Map<string, typeof grants>();
	for (const g of grants) byUser.set(g.userId, [...(byUser.get(g.userId) ?? []), g]);
	return [...byUser]
		.filter(([userId, roles]) => can({ userId, roles }, 'need.viewQueue', { committeeId }))
		.map(([userId]) => userId);
}

export const needOverdue = defineJob({
	kind: 'need.overdue',
	payload: z.object({ needId: z.string() }),
	run({ tx, payload, now, afterCommit }) {
		const need = tx.select().from(needs).where(eq(needs.id, payload.needId)).get();
		// Accepted, declined or merged in time (or deleted): nothing is late.
		if (!need || need.status !== 'submitted' || need.respondBy > now) return;
		tx.insert(needEvents)
			.values({ needId: need.id, at: now, actorId: null, kind: 'overdue', detail: '{}' })
			.run();
		afterCommit(
			notify(tx, queueStaff(tx, need.committeeId), {
				kind: 'need.overdue',
				params: { title: need.title },
				link: `/needs/${need.id}`
			})
		);
		// Open boards redraw the need, now marked overdue.
		afterCommit(() => broadcastNeedChange(need));
	}
});

/** Watch a new need's response time; call inside the transaction that creates it. */
export function scheduleNeedOverdue(tx: DbLike, need: Pick<Need, 'id' | 'respondBy'>): void {
	schedule(tx, needOverdue, {
		key: `need.overdue:${need.id}`,
		dueAt: need.respondBy,
		payload: { needId: need.id }
	});
}
