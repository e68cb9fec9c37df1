/**
 * The closed-loop record (全过程追溯): one need's (or one resolution's) whole path, from the
 * first report through the agenda, the meeting, the vote, the resolution, the tasks, their
 * reports and approval, to the residents' ratings, in time order, with a status line that
 * answers "did it get done?".
 *
 * Whoever may see the need may see its trace (the needs domain's own check); each step is
 * shown only as far as the viewer may see it: meetings and votes the viewer may not open are
 * left out, a vote shows its outcome only (never a ballot or who voted how, even when named),
 * supervision notices are for staff, and people are named for staff only (trace-actors.ts).
 */
import { eq, inArray } from 'drizzle-orm';
import type { Db, DbLike } from '../db';
import {
	needs,
	resolutionNeeds,
	resolutions,
	type Need,
	type RatingRow,
	type TaskRow
} from '../db/schema';
import { canSeeNeed } from '../needs';
import { getResolution } from '../votes';
import { lastReopened, visibleNeed } from '../ratings/access';
import { isStaff, type Actor } from '../../shared/permissions';
import { OPEN_TASK_STATUSES } from '../../shared/tasks/options';
import {
	TRACE_KINDS,
	type TraceStatus,
	type TraceStep,
	type TraceView
} from '../../shared/ratings/trace';
import { actorNamer } from './trace-actors';
import {
	decisionSteps,
	deliberationOfNeed,
	needSteps,
	ratingSteps,
	ratingsOf,
	taskSteps,
	tasksOf,
	type RawStep
} from './trace-steps';

/** The trace of one need (404 for those who may not see it). */
export function needTrace(db: Db, viewer: Actor, needId: string, now = new Date()): TraceView {
	const need = visibleNeed(db, viewer, needId);
	const staff = isStaff(viewer, need.committeeId);
	const taskRows = tasksOf(db, { needId });
	const rated = ratingsOf(db, [needId]);
	const raw = [
		...needSteps(db, viewer, need),
		...decisionSteps(db, viewer, deliberationOfNeed(db, needId)),
		...taskSteps(db, taskRows, staff),
		...ratingSteps(rated)
	];
	return {
		subject: { type: 'need', id: need.id, title: need.title },
		status: needStatus(db, need, taskRows, rated, now),
		dueAt: nextDue(taskRows),
		rating: summary(rated),
		steps: name(db, viewer, need.committeeId, raw)
	};
}

/** The trace of one resolution: the needs it answers (those the viewer may see) to its tasks' ratings. */
export function resolutionTrace(
	db: Db,
	viewer: Actor,
	resolutionId: string,
	now = new Date()
): TraceView {
	const view = getResolution(db, viewer, resolutionId);
	const staff = isStaff(viewer, view.committeeId);
	const needIds = db
		.select({ id: resolutionNeeds.needId })
		.from(resolutionNeeds)
		.where(eq(resolutionNeeds.resolutionId, resolutionId))
		.all()
		.map((r) => r.id);
	const needRows = (
		needIds.length ? db.select().from(needs).where(inArray(needs.id, needIds)).all() : []
	).filter((n) => canSeeNeed(viewer, n));
	const resolution = deliberationOfResolution(db, resolutionId);
	const taskRows = tasksOf(db, { resolutionId });
	const rated = ratingsOf(
		db,
		needRows.map((n) => n.id),
		taskRows.map((t) => t.id)
	);
	const raw = [
		...needRows.flatMap((n) =>
			needSteps(db, viewer, n).filter((s) => s.kind === 'need' || s.kind === 'accepted')
		),
		...decisionSteps(db, viewer, resolution),
		...taskSteps(db, taskRows, staff),
		...ratingSteps(rated)
	];
	return {
		subject: { type: 'resolution', id: view.id, title: view.title, number: view.number },
		status: resolutionStatus(taskRows, rated, needRows.length > 0, now),
		dueAt: nextDue(taskRows),
		rating: summary(rated),
		steps: name(db, viewer, view.committeeId, raw)
	};
}

function deliberationOfResolution(db: DbLike, resolutionId: string) {
	const r = db.select().from(resolutions).where(eq(resolutions.id, resolutionId)).get();
	return {
		items: r?.meetingId && r.itemId ? [{ meetingId: r.meetingId, itemId: r.itemId }] : [],
		resolutions: r ? [r] : []
	};
}

const ORDER = new Map(TRACE_KINDS.map((k, i) => [k, i]));

/** Name each step's author for the viewer, and put the steps in time order (ties: loop order). */
function name(db: DbLike, viewer: Actor, committeeId: string, raw: RawStep[]): TraceStep[] {
	const namer = actorNamer(
		db,
		viewer,
		committeeId,
		raw.map((s) => s.actor)
	);
	return raw
		.map((s) => ({
			kind: s.kind,
			at: s.at,
			actor: namer.name(s.actor),
			ref: s.refUnitId ? { ...s.ref, unit: namer.unitName(s.refUnitId) ?? undefined } : s.ref
		}))
		.sort(
			(a, b) =>
				a.at.getTime() - b.at.getTime() || (ORDER.get(a.kind) ?? 0) - (ORDER.get(b.kind) ?? 0)
		);
}

const isOpen = (t: TaskRow) => OPEN_TASK_STATUSES.includes(t.status);
const isLate = (t: TaskRow, now: Date) => isOpen(t) && t.dueAt.getTime() < now.getTime();

function nextDue(taskRows: TaskRow[]): Date | null {
	const open = taskRows.filter(isOpen).map((t) => t.dueAt.getTime());
	return open.length ? new Date(Math.min(...open)) : null;
}

function summary(rows: RatingRow[]) {
	if (!rows.length) return { average: null, count: 0 };
	const avg = rows.reduce((s, r) => s + r.score, 0) / rows.length;
	return { average: Math.round(avg * 10) / 10, count: rows.length };
}

function needStatus(
	db: DbLike,
	need: Need,
	taskRows: TaskRow[],
	rated: RatingRow[],
	now: Date
): TraceStatus {
	switch (need.status) {
		case 'declined':
		case 'merged':
			return need.status;
		case 'rated':
			return rated.length ? 'closedRated' : 'closed';
		case 'done':
			return 'awaitingRating';
	}
	if (taskRows.some((t) => isLate(t, now))) return 'overdue';
	if (taskRows.some(isOpen) || need.status === 'in_progress') return 'inProgress';
	if (need.status === 'decided') return 'waitingDispatch';
	if (need.status === 'on_agenda') return 'deliberating';
	if (need.status === 'accepted') return lastReopened(db, need.id) ? 'reopened' : 'accepted';
	return 'waiting';
}

function resolutionStatus(
	taskRows: TaskRow[],
	rated: RatingRow[],
	hasNeeds: boolean,
	now: Date
): TraceStatus {
	const live = taskRows.filter((t) => t.status !== 'cancelled');
	if (!live.length) return 'waitingDispatch';
	if (live.some((t) => isLate(t, now))) return 'overdue';
	if (live.some(isOpen)) return 'inProgress';
	if (rated.length) return 'closedRated';
	return hasNeeds ? 'awaitingRating' : 'closed';
}
