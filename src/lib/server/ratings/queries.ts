/**
 * Reading ratings: a need's (average, count, each with its comment and whether staff entered it)
 * and a task's. Residents see scores and comments, never who gave them (except their own);
 * staff see the names.
 */
import { and, asc, eq, gte, inArray } from 'drizzle-orm';
import type { Db, DbLike } from '../db';
import { needs, ratings, users, type Need, type RatingRow } from '../db/schema';
import { canSeeNeed } from '../needs';
import { can, isStaff, type Actor } from '../../shared/permissions';
import { REOPEN_MAX_SCORE } from '../../shared/ratings/schemas';
import type { RatingItem, RatingsSummary } from '../../shared/ratings/view';
import { visibleTask } from '../tasks/access';
import { doneTask, followers, isFollower, lastReopened, visibleNeed } from './access';

function items(db: DbLike, actor: Actor, committeeId: string, rows: RatingRow[]): RatingItem[] {
	const staff = isStaff(actor, committeeId);
	const ids = [...new Set(rows.flatMap((r) => [r.userId, r.enteredBy ?? '']))].filter(Boolean);
	const names = new Map(
		ids.length
			? db
					.select({ id: users.id, name: users.displayName })
					.from(users)
					.where(inArray(users.id, ids))
					.all()
					.map((u) => [u.id, u.name])
			: []
	);
	return rows.map((r) => {
		const mine = r.userId === actor.userId;
		return {
			id: r.id,
			needId: r.needId,
			taskId: r.taskId,
			score: r.score,
			comment: r.comment,
			channel: r.channel,
			onBehalf: r.channel !== 'online' || !!r.enteredBy,
			createdAt: r.createdAt,
			mine,
			raterName: staff || mine ? (names.get(r.userId) ?? null) : null,
			enteredByName: staff && r.enteredBy ? (names.get(r.enteredBy) ?? null) : null
		};
	});
}

const average = (rows: { score: number }[]) =>
	rows.length ? Math.round((rows.reduce((s, r) => s + r.score, 0) / rows.length) * 10) / 10 : null;

/** The ratings of the need's current attempt (those given since it was last reopened). */
function currentRatings(db: DbLike, needId: string): RatingRow[] {
	const since = lastReopened(db, needId);
	return db
		.select()
		.from(ratings)
		.where(and(eq(ratings.needId, needId), since ? gte(ratings.createdAt, since) : undefined))
		.orderBy(asc(ratings.createdAt))
		.all();
}

/**
 * The need's score for reopening: the submitter's own rating when they gave one, else the
 * rounded average of its current ratings; null when nobody rated.
 */
export function needScore(db: DbLike, need: Need): number | null {
	const rows = currentRatings(db, need.id);
	const own = rows.find((r) => r.userId === need.submittedBy);
	if (own) return own.score;
	const avg = average(rows);
	return avg === null ? null : Math.round(avg);
}

/** A need's ratings as the actor may see them, and what the actor may do about them. */
export function needRatings(db: Db, actor: Actor, needId: string): RatingsSummary {
	const need = visibleNeed(db, actor, needId);
	const scope = { committeeId: need.committeeId };
	const all = db
		.select()
		.from(ratings)
		.where(eq(ratings.needId, needId))
		.orderBy(asc(ratings.createdAt))
		.all();
	const list = items(db, actor, need.committeeId, all);
	const task = doneTask(db, needId);
	const follower = isFollower(db, need, actor.userId);
	const mine = list.find((r) => r.mine) ?? null;
	const rated = new Set(all.map((r) => r.userId));
	const canEnter = !!task && can(actor, 'rating.enterForResident', scope);
	const score = needScore(db, need);
	return {
		needId,
		average: average(all),
		count: all.length,
		items: list,
		mine,
		taskDone: !!task,
		canRate: !!task && !mine && can(actor, 'rating.give', { ...scope, need: { mine: follower } }),
		follower,
		enterFor: canEnter ? residentsToEnter(db, need, rated) : [],
		canEnter,
		canReopen:
			can(actor, 'need.reopen', scope) &&
			(need.status === 'done' || need.status === 'rated') &&
			score !== null &&
			score <= REOPEN_MAX_SCORE
	};
}

function residentsToEnter(db: DbLike, need: Need, rated: Set<string>) {
	const ids = followers(db, need).filter((id) => !rated.has(id));
	if (!ids.length) return [];
	return db
		.select({ userId: users.id, name: users.displayName })
		.from(users)
		.where(inArray(users.id, ids))
		.all();
}

/** The ratings a task's approval invited, from the needs the actor may see. */
export function taskRatings(db: Db, actor: Actor, taskId: string) {
	visibleTask(db, actor, taskId);
	const rows = db
		.select({ rating: ratings, need: needs })
		.from(ratings)
		.innerJoin(needs, eq(needs.id, ratings.needId))
		.where(eq(ratings.taskId, taskId))
		.orderBy(asc(ratings.createdAt))
		.all()
		.filter((r) => canSeeNeed(actor, r.need));
	const committeeId = rows[0]?.need.committeeId ?? '';
	const list = items(
		db,
		actor,
		committeeId,
		rows.map((r) => r.rating)
	);
	return { average: average(list), count: list.length, items: list };
}
