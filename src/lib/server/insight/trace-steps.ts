/**
 * The steps of a trace, read from each domain's own records: the need and its timeline, the
 * meetings and agenda items that carried it, motions, votes (their outcome only), resolutions,
 * tasks and their timelines, progress reports, and ratings. Each collector returns steps whose
 * authors are not yet named (trace-actors.ts names them for the viewer).
 */
import { and, eq, inArray, or } from 'drizzle-orm';
import type { DbLike } from '../db';
import {
	agendaNeeds,
	hallStates,
	motions,
	needEvents,
	ratings,
	resolutionNeeds,
	resolutions,
	taskEvents,
	taskNeeds,
	taskReportFiles,
	taskReports,
	tasks,
	votes,
	type Need,
	type RatingRow,
	type ResolutionRow,
	type TaskRow
} from '../db/schema';
import { loadMeeting, meetingScope } from '../meetings/meetings';
import { decisionScope } from '../votes/access';
import { can, type Actor } from '../../shared/permissions';
import type { TraceKind, TraceRef } from '../../shared/ratings/trace';
import type { RawActor } from './trace-actors';

export interface RawStep {
	kind: TraceKind;
	at: Date;
	actor: RawActor | null;
	ref: TraceRef;
	/** The unit the step concerns (a dispatch: the lead unit), named for the viewer later. */
	refUnitId?: string;
}

const by = (userId: string | null, unitId?: string | null): RawActor | null =>
	userId ? { userId, unitId } : null;

const NEED_EVENT_KINDS: Record<string, TraceKind> = {
	accepted: 'accepted',
	on_agenda: 'agenda',
	declined: 'declined',
	merged: 'merged',
	rated: 'closed',
	reopened: 'reopened'
};

/** The need itself and its own timeline's milestones (ratings come from their own table). */
export function needSteps(db: DbLike, viewer: Actor, need: Need): RawStep[] {
	const ref = { type: 'need' as const, id: need.id, title: need.title };
	const steps: RawStep[] = [
		{ kind: 'need', at: need.createdAt, actor: by(need.submittedBy ?? need.enteredBy), ref }
	];
	const events = db.select().from(needEvents).where(eq(needEvents.needId, need.id)).all();
	for (const e of events) {
		const kind = NEED_EVENT_KINDS[e.kind];
		if (!kind) continue;
		const detail = JSON.parse(e.detail) as Record<string, unknown>;
		if (kind === 'agenda') {
			steps.push({ kind, at: e.at, actor: by(e.actorId), ref: agendaRef(db, viewer, detail) });
		} else steps.push({ kind, at: e.at, actor: by(e.actorId), ref });
	}
	return steps;
}

function meetingVisible(db: DbLike, viewer: Actor, meetingId: string): boolean {
	try {
		return can(viewer, 'meeting.view', meetingScope(loadMeeting(db, meetingId)));
	} catch {
		return false;
	}
}

function agendaRef(db: DbLike, viewer: Actor, detail: Record<string, unknown>): TraceRef {
	const meetingId = typeof detail.meetingId === 'string' ? detail.meetingId : null;
	if (!meetingId || !meetingVisible(db, viewer, meetingId))
		return { type: 'meeting', private: true };
	return { type: 'meeting', id: meetingId, title: String(detail.meetingTitle ?? '') };
}

/** When the chair actually opened the hall (the scheduled start when the hall kept no record). */
function heldAt(db: DbLike, meetingId: string): Date | null {
	const row = db
		.select({ state: hallStates.state })
		.from(hallStates)
		.where(eq(hallStates.meetingId, meetingId))
		.get();
	const started = (row?.state as { startedAt?: unknown } | undefined)?.startedAt;
	return typeof started === 'number' ? new Date(started) : null;
}

export interface Deliberation {
	/** The meetings and agenda items that carried the needs. */
	items: { meetingId: string; itemId: string }[];
	resolutions: ResolutionRow[];
}

/** Where a need was deliberated: its agenda items and the resolutions answering it. */
export function deliberationOfNeed(db: DbLike, needId: string): Deliberation {
	const items = db
		.select({ meetingId: agendaNeeds.meetingId, itemId: agendaNeeds.itemId })
		.from(agendaNeeds)
		.where(eq(agendaNeeds.needId, needId))
		.all();
	const res = db
		.select({ r: resolutions })
		.from(resolutionNeeds)
		.innerJoin(resolutions, eq(resolutions.id, resolutionNeeds.resolutionId))
		.where(eq(resolutionNeeds.needId, needId))
		.all()
		.map((x) => x.r);
	return { items, resolutions: res };
}

/**
 * Meetings held, motions tabled and votes counted on the items, and the resolutions adopted:
 * only those the viewer may see. A vote shows its outcome, never a ballot or who voted how.
 */
export function decisionSteps(db: DbLike, viewer: Actor, d: Deliberation): RawStep[] {
	const steps: RawStep[] = [];
	const meetingIds = [
		...new Set([
			...d.items.map((i) => i.meetingId),
			...d.resolutions.map((r) => r.meetingId).filter((m): m is string => !!m)
		])
	];
	const visible = new Map(meetingIds.map((id) => [id, meetingVisible(db, viewer, id)]));
	for (const id of meetingIds) {
		if (!visible.get(id)) continue;
		const m = loadMeeting(db, id);
		if (m.status !== 'live' && m.status !== 'closed') continue;
		steps.push({
			kind: 'meeting',
			at: heldAt(db, id) ?? m.startsAt,
			actor: null,
			ref: { type: 'meeting', id, title: m.title }
		});
	}
	const onItems = d.items.filter((i) => visible.get(i.meetingId));
	const itemMatch = onItems.map((i) =>
		and(eq(motions.meetingId, i.meetingId), eq(motions.itemId, i.itemId))
	);
	const motionIds = d.resolutions.map((r) => r.motionId).filter((m): m is string => !!m);
	const motionRows =
		itemMatch.length || motionIds.length
			? db
					.select()
					.from(motions)
					.where(or(...itemMatch, motionIds.length ? inArray(motions.id, motionIds) : undefined))
					.all()
			: [];
	const resolutionOf = new Map(d.resolutions.map((r) => [r.voteId, r]));
	for (const mo of motionRows) {
		if (!can(viewer, 'resolution.view', decisionScope(db, mo.committeeId, mo.meetingId))) continue;
		steps.push({
			kind: 'motion',
			at: mo.createdAt,
			actor: by(mo.createdBy),
			ref: { type: 'motion', id: mo.id, title: mo.title }
		});
	}
	const voteMatch = onItems.map((i) =>
		and(eq(votes.meetingId, i.meetingId), eq(votes.itemId, i.itemId))
	);
	const voteIds = d.resolutions.map((r) => r.voteId);
	const voteRows =
		voteMatch.length || voteIds.length
			? db
					.select({
						id: votes.id,
						committeeId: votes.committeeId,
						meetingId: votes.meetingId,
						electorate: votes.electorate,
						title: votes.title,
						status: votes.status,
						closedAt: votes.closedAt,
						result: votes.result
					})
					.from(votes)
					.where(or(...voteMatch, voteIds.length ? inArray(votes.id, voteIds) : undefined))
					.all()
			: [];
	for (const v of voteRows) {
		if (v.status !== 'closed' || !v.closedAt) continue;
		const scope = decisionScope(db, v.committeeId, v.meetingId, v.electorate);
		if (!can(viewer, 'vote.view', scope) && !can(viewer, 'resolution.view', scope)) continue;
		// A tie broken by the chair's casting vote ends in a resolution: that is its outcome.
		const outcome = resolutionOf.has(v.id)
			? 'adopted'
			: ((v.result as { outcome?: string } | null)?.outcome ?? 'rejected');
		steps.push({
			kind: 'vote',
			at: v.closedAt,
			actor: null,
			ref: { type: 'vote', id: v.id, title: v.title, outcome }
		});
	}
	for (const r of d.resolutions) {
		if (!can(viewer, 'resolution.view', decisionScope(db, r.committeeId, r.meetingId))) continue;
		steps.push({
			kind: 'resolution',
			at: r.adoptedAt,
			actor: null,
			ref: { type: 'resolution', id: r.id, title: r.title, number: r.number }
		});
	}
	return steps;
}

const TASK_EVENTS_SHOWN = new Set([
	'dispatched',
	'accepted',
	'returned',
	'reassigned',
	'submitted',
	'rejected',
	'cancelled',
	'accept_late',
	'overdue'
]);
/** Supervision's own exchanges are for staff. */
const STAFF_TASK_EVENTS = new Set(['notice', 'notice_reply']);

/** Each task's timeline (dispatch, acceptance, hand-in, approval…) and its progress reports. */
export function taskSteps(db: DbLike, rows: TaskRow[], staff: boolean): RawStep[] {
	if (!rows.length) return [];
	const ids = rows.map((t) => t.id);
	const byId = new Map(rows.map((t) => [t.id, t]));
	const steps: RawStep[] = [];
	const events = db.select().from(taskEvents).where(inArray(taskEvents.taskId, ids)).all();
	const taskRef = (t: TaskRow, event: string): TraceRef => ({
		type: 'task',
		id: t.id,
		title: t.title,
		event
	});
	for (const e of events) {
		const t = byId.get(e.taskId)!;
		const actor = by(e.actorId, e.unitId);
		if (e.kind === 'approved')
			steps.push({ kind: 'approval', at: e.at, actor, ref: taskRef(t, e.kind) });
		else if (TASK_EVENTS_SHOWN.has(e.kind) || (staff && STAFF_TASK_EVENTS.has(e.kind)))
			steps.push({ kind: 'task', at: e.at, actor, ref: taskRef(t, e.kind) });
	}
	// A task whose timeline lacks its dispatch or approval (made before timelines were kept)
	// still shows them, from the task's own times.
	for (const t of rows) {
		const has = (k: string) => events.some((e) => e.taskId === t.id && e.kind === k);
		if (!has('dispatched'))
			steps.push({
				kind: 'task',
				at: t.createdAt,
				actor: by(t.createdBy),
				ref: taskRef(t, 'dispatched')
			});
		if (t.status === 'done' && t.doneAt && !has('approved'))
			steps.push({ kind: 'approval', at: t.doneAt, actor: null, ref: taskRef(t, 'approved') });
	}
	for (const s of steps) {
		if (s.ref.event !== 'dispatched') continue;
		const t = byId.get(s.ref.id!)!;
		s.ref.dueAt = t.dueAt;
		s.refUnitId = t.leadUnitId;
	}
	steps.push(...reportSteps(db, ids));
	return steps;
}

function reportSteps(db: DbLike, taskIds: string[]): RawStep[] {
	const reports = db.select().from(taskReports).where(inArray(taskReports.taskId, taskIds)).all();
	if (!reports.length) return [];
	const files = db
		.select({ reportId: taskReportFiles.reportId })
		.from(taskReportFiles)
		.where(
			inArray(
				taskReportFiles.reportId,
				reports.map((r) => r.id)
			)
		)
		.all();
	return reports.map((r) => ({
		kind: 'report' as const,
		at: r.createdAt,
		actor: by(r.authorId, r.unitId),
		ref: {
			type: 'report' as const,
			id: r.id,
			progress: r.progress,
			text: r.text.length > 280 ? `${r.text.slice(0, 279)}…` : r.text,
			files: files.filter((f) => f.reportId === r.id).length
		}
	}));
}

/** Residents' ratings: score and comment; the rater is a resident (named for staff only). */
export function ratingSteps(rows: RatingRow[]): RawStep[] {
	return rows.map((r) => ({
		kind: 'rating' as const,
		at: r.createdAt,
		actor: { userId: r.userId, role: 'resident' as const },
		ref: {
			type: 'rating' as const,
			id: r.id,
			score: r.score,
			comment: r.comment,
			channel: r.channel,
			onBehalf: r.channel !== 'online' || !!r.enteredBy
		}
	}));
}

export function ratingsOf(db: DbLike, needIds: string[], taskIds?: string[]): RatingRow[] {
	if (!needIds.length) return [];
	return db
		.select()
		.from(ratings)
		.where(
			and(
				inArray(ratings.needId, needIds),
				taskIds ? inArray(ratings.taskId, taskIds.length ? taskIds : ['']) : undefined
			)
		)
		.all();
}

export function tasksOf(db: DbLike, where: { needId?: string; resolutionId?: string }): TaskRow[] {
	if (where.resolutionId)
		return db.select().from(tasks).where(eq(tasks.resolutionId, where.resolutionId)).all();
	return db
		.select({ t: tasks })
		.from(tasks)
		.innerJoin(taskNeeds, eq(taskNeeds.taskId, tasks.id))
		.where(eq(taskNeeds.needId, where.needId ?? ''))
		.all()
		.map((x) => x.t);
}
