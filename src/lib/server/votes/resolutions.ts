/**
 * Resolutions (决议): what an adopted vote becomes. Numbered per committee per year in the
 * committee's time zone (`2026-012`), with the final text, the meeting and agenda item, and the
 * residents' needs that item carried, so a need can be followed to the resolution that answers it
 * and on to the tasks made from it.
 */
import { and, desc, eq, inArray, like, or, sql } from 'drizzle-orm';
import type { Db, DbLike } from '../db';
import { newId } from '../db/ids';
import {
	agendaNeeds,
	meetings,
	motions,
	resolutionNeeds,
	resolutions,
	votes,
	type ResolutionRow,
	type VoteRow
} from '../db/schema';
import { notFound } from '../errors';
import { config } from '../config';
import { audit, committeeChain } from '../platform/audit';
import { decisionScope } from './access';
import { can, type Actor } from '../../shared/permissions';
import type { VoteSpec } from '../../shared/votes/methods';
import type { ResolutionView } from '../../shared/votes/view';

function yearIn(at: Date): number {
	return Number(
		new Intl.DateTimeFormat('en', { year: 'numeric', timeZone: config.timeZone }).format(at)
	);
}

const labelOf = (spec: VoteSpec, optionId: string | null) =>
	optionId && spec.method !== 'yna'
		? (spec.options.find((o) => o.id === optionId)?.label ?? null)
		: null;

/** Record an adopted vote as a resolution (inside the transaction that decided it). */
export function adopt(
	tx: DbLike,
	v: VoteRow,
	optionId: string | null,
	opts: { byCastingVote: boolean; actorId: string | null; at: Date }
): ResolutionRow {
	const year = yearIn(opts.at);
	const { next } = tx
		.select({ next: sql<number>`coalesce(max(${resolutions.seq}), 0) + 1` })
		.from(resolutions)
		.where(and(eq(resolutions.committeeId, v.committeeId), eq(resolutions.year, year)))
		.get()!;
	const motion = v.motionId
		? tx.select().from(motions).where(eq(motions.id, v.motionId)).get()
		: undefined;
	const option = labelOf(v.spec as VoteSpec, optionId);
	const row: ResolutionRow = {
		id: newId(),
		committeeId: v.committeeId,
		year,
		seq: next,
		number: `${year}-${String(next).padStart(3, '0')}`,
		title: motion?.title ?? v.title,
		text: [motion?.text ?? v.title, option].filter(Boolean).join('\n\n'),
		voteId: v.id,
		motionId: v.motionId,
		meetingId: v.meetingId,
		itemId: v.itemId,
		optionId,
		byCastingVote: opts.byCastingVote,
		adoptedAt: opts.at
	};
	tx.insert(resolutions).values(row).run();
	if (v.meetingId && v.itemId) {
		const needIds = tx
			.select({ needId: agendaNeeds.needId })
			.from(agendaNeeds)
			.where(and(eq(agendaNeeds.meetingId, v.meetingId), eq(agendaNeeds.itemId, v.itemId)))
			.all();
		if (needIds.length)
			tx.insert(resolutionNeeds)
				.values(needIds.map((n) => ({ resolutionId: row.id, needId: n.needId })))
				.run();
	}
	audit(
		tx,
		opts.actorId,
		'resolution.adopt',
		row.id,
		{ number: row.number, voteId: v.id },
		committeeChain(v.committeeId)
	);
	return row;
}

function toView(db: DbLike, rows: ResolutionRow[]): ResolutionView[] {
	const ids = rows.map((r) => r.id);
	const needs = ids.length
		? db.select().from(resolutionNeeds).where(inArray(resolutionNeeds.resolutionId, ids)).all()
		: [];
	const meetingIds = [...new Set(rows.map((r) => r.meetingId).filter((m): m is string => !!m))];
	const titles = new Map(
		meetingIds.length
			? db
					.select({ id: meetings.id, title: meetings.title })
					.from(meetings)
					.where(inArray(meetings.id, meetingIds))
					.all()
					.map((m) => [m.id, m.title])
			: []
	);
	const withOption = rows.filter((r) => r.optionId).map((r) => r.voteId);
	const specs = new Map(
		withOption.length
			? db
					.select({ id: votes.id, spec: votes.spec })
					.from(votes)
					.where(inArray(votes.id, withOption))
					.all()
					.map((v) => [v.id, v.spec as VoteSpec])
			: []
	);
	return rows.map((r) => ({
		id: r.id,
		committeeId: r.committeeId,
		number: r.number,
		title: r.title,
		text: r.text,
		voteId: r.voteId,
		motionId: r.motionId,
		meetingId: r.meetingId,
		meetingTitle: r.meetingId ? (titles.get(r.meetingId) ?? null) : null,
		agendaItemId: r.itemId,
		needIds: needs.filter((n) => n.resolutionId === r.id).map((n) => n.needId),
		optionLabel: specs.has(r.voteId) ? labelOf(specs.get(r.voteId)!, r.optionId) : null,
		byCastingVote: r.byCastingVote,
		adoptedAt: r.adoptedAt.getTime()
	}));
}

export interface ResolutionFilter {
	meetingId?: string;
	year?: number;
	q?: string;
	needId?: string;
	limit?: number;
}

/** Resolutions the actor may read, newest first. */
export function listResolutions(db: Db, actor: Actor, f: ResolutionFilter = {}): ResolutionView[] {
	const committeeIds = [...new Set(actor.roles.map((r) => r.committeeId))];
	if (!committeeIds.length) return [];
	const where = [inArray(resolutions.committeeId, committeeIds)];
	if (f.meetingId) where.push(eq(resolutions.meetingId, f.meetingId));
	if (f.year) where.push(eq(resolutions.year, f.year));
	if (f.q) {
		const q = `%${f.q.replace(/[%_\\]/g, (c) => '\\' + c)}%`;
		where.push(
			or(like(resolutions.title, q), like(resolutions.text, q), like(resolutions.number, q))!
		);
	}
	if (f.needId)
		where.push(
			inArray(
				resolutions.id,
				db
					.select({ id: resolutionNeeds.resolutionId })
					.from(resolutionNeeds)
					.where(eq(resolutionNeeds.needId, f.needId))
			)
		);
	const rows = db
		.select()
		.from(resolutions)
		.where(and(...where))
		.orderBy(desc(resolutions.year), desc(resolutions.seq))
		.limit(f.limit ?? 500)
		.all();
	const scopes = new Map<string, boolean>();
	const visible = rows.filter((r) => {
		const key = `${r.committeeId}:${r.meetingId ?? ''}`;
		if (!scopes.has(key))
			scopes.set(key, can(actor, 'resolution.view', decisionScope(db, r.committeeId, r.meetingId)));
		return scopes.get(key)!;
	});
	return toView(db, visible);
}

export function getResolution(db: Db, actor: Actor, id: string): ResolutionView {
	const r = db.select().from(resolutions).where(eq(resolutions.id, id)).get();
	if (!r || !can(actor, 'resolution.view', decisionScope(db, r.committeeId, r.meetingId)))
		throw notFound();
	return toView(db, [r])[0]!;
}

export function resolutionOfVote(db: DbLike, voteId: string): ResolutionRow | undefined {
	return db.select().from(resolutions).where(eq(resolutions.voteId, voteId)).get();
}
