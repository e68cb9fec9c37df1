/**
 * What someone entering the hall sees (the same snapshot the API shows), and the speech log.
 */
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../db';
import { speeches, users } from '../db/schema';
import { hallFor } from './open';
import { attendanceSummary, type OpenHall } from './registry';
import { talkSnapshot } from './talk';
import type { HallSnapshot } from '../../shared/hall';
import type { Actor } from '../../shared/permissions';

export function snapshot(db: Db, actor: Actor, hall: OpenHall): HallSnapshot {
	const talk = talkSnapshot(db, actor, hall);
	return {
		state: hall.state,
		participants: [...hall.people.values()].map((p) => p.participant),
		attendance: attendanceSummary(hall),
		...talk,
		serverNow: Date.now()
	};
}

/** The hall as the API shows it: the same snapshot a person entering gets (without entering). */
export function hallView(db: Db, actor: Actor, meetingId: string): HallSnapshot {
	return snapshot(db, actor, hallFor(db, actor, meetingId));
}

/** The speech log, optionally of one agenda item. */
export function speechLog(db: Db, actor: Actor, meetingId: string, itemId?: string) {
	hallFor(db, actor, meetingId);
	return db
		.select({ s: speeches, name: users.displayName })
		.from(speeches)
		.innerJoin(users, eq(users.id, speeches.userId))
		.where(and(eq(speeches.meetingId, meetingId), itemId ? eq(speeches.itemId, itemId) : undefined))
		.orderBy(asc(speeches.startedAt))
		.all()
		.map(({ s, name }) => ({
			id: s.id,
			itemId: s.itemId,
			userId: s.userId,
			name,
			pointOfOrder: s.pointOfOrder,
			startedAt: s.startedAt.toISOString(),
			durationMs: s.durationMs
		}));
}
