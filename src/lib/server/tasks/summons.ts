/**
 * Summonses (街道吹哨、部门报到): the secretary calls units to an urgent matter; each summoned unit
 * must respond (报到) within a set number of hours. A unit still silent at the limit is marked
 * late once (a scheduler job, so a restart neither loses nor repeats it), and the secretary and
 * supervisors are told.
 */
import { and, asc, desc, eq, inArray, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, DbLike } from '../db';
import { newId } from '../db/ids';
import { needs, summonsUnits, summonses, units, users, type SummonsRow } from '../db/schema';
import { AppError, forbidden, notFound, parseInput } from '../errors';
import { audit, committeeChain } from '../platform/audit';
import { defineJob, schedule } from '../platform/jobs';
import { notify } from '../notifications/notifications';
import { committeeUnits } from './access';
import { peopleInRoles, unitPeople } from './events';
import { plainTime, HOUR } from './clock';
import { can, isStaff, type Actor } from '../../shared/permissions';
import { summonsInputSchema, summonsResponseSchema } from '../../shared/schemas/tasks';

const link = (id: string) => `/summons/${id}`;

export interface SummonsView {
	id: string;
	title: string;
	description: string;
	needId: string | null;
	needTitle: string | null;
	respondHours: number;
	respondBy: Date;
	createdAt: Date;
	createdByName: string | null;
	units: {
		unitId: string;
		unitName: string;
		respondedAt: Date | null;
		respondedByName: string | null;
		response: string | null;
		late: boolean;
	}[];
	/** The units the viewer may still respond for. */
	mayRespondFor: string[];
}

export const summonsLate = defineJob({
	kind: 'summons.late',
	payload: z.object({ summonsId: z.string() }),
	run({ tx, payload, now, afterCommit }) {
		const s = tx.select().from(summonses).where(eq(summonses.id, payload.summonsId)).get();
		if (!s || s.respondBy > now) return;
		const silent = tx
			.select({ unitId: summonsUnits.unitId, name: units.name })
			.from(summonsUnits)
			.innerJoin(units, eq(units.id, summonsUnits.unitId))
			.where(
				and(
					eq(summonsUnits.summonsId, s.id),
					isNull(summonsUnits.respondedAt),
					isNull(summonsUnits.lateAt)
				)
			)
			.all();
		if (silent.length === 0) return;
		tx.update(summonsUnits)
			.set({ lateAt: now })
			.where(
				and(
					eq(summonsUnits.summonsId, s.id),
					inArray(
						summonsUnits.unitId,
						silent.map((u) => u.unitId)
					),
					isNull(summonsUnits.respondedAt)
				)
			)
			.run();
		const staff = peopleInRoles(tx, s.committeeId, ['admin', 'supervisor']);
		for (const u of silent)
			afterCommit(
				notify(tx, [...staff, ...unitPeople(tx, s.committeeId, [u.unitId])], {
					kind: 'summons.late',
					params: { title: s.title, unit: u.name },
					link: link(s.id)
				})
			);
	}
});

export function createSummons(db: Db, actor: Actor, committeeId: string, raw: unknown): SummonsRow {
	if (!can(actor, 'summons.create', { committeeId })) throw forbidden();
	const input = parseInput(summonsInputSchema, raw);
	const unitIds = [...new Set(input.unitIds)];
	const { row, push } = db.transaction(
		(tx) => {
			const known = committeeUnits(tx, committeeId, unitIds);
			if (unitIds.some((u) => !known.has(u)))
				throw new AppError(422, 'err.validation', { unitIds: ['err.task.unknownUnit'] });
			if (input.needId) {
				const need = tx.select().from(needs).where(eq(needs.id, input.needId)).get();
				if (!need || need.committeeId !== committeeId)
					throw new AppError(422, 'err.validation', { needId: ['err.task.needNotAnswerable'] });
			}
			const now = new Date();
			const row: SummonsRow = {
				id: newId(),
				committeeId,
				title: input.title,
				description: input.description ?? '',
				needId: input.needId ?? null,
				respondHours: input.respondHours,
				respondBy: new Date(now.getTime() + input.respondHours * HOUR),
				createdBy: actor.userId,
				createdAt: now
			};
			tx.insert(summonses).values(row).run();
			tx.insert(summonsUnits)
				.values(unitIds.map((unitId) => ({ summonsId: row.id, unitId })))
				.run();
			audit(
				tx,
				actor.userId,
				'summons.create',
				`summons:${row.id}`,
				{ units: unitIds.join(',') },
				committeeChain(committeeId)
			);
			schedule(tx, summonsLate, {
				key: `summons.late:${row.id}`,
				dueAt: row.respondBy,
				payload: { summonsId: row.id }
			});
			const push = notify(tx, unitPeople(tx, committeeId, unitIds), {
				kind: 'summons',
				params: { title: row.title, respondBy: plainTime(row.respondBy) },
				link: link(row.id)
			});
			return { row, push };
		},
		{ behavior: 'immediate' }
	);
	push();
	return row;
}

function loadSummons(db: DbLike, actor: Actor, id: string): SummonsRow {
	const s = db.select().from(summonses).where(eq(summonses.id, id)).get();
	if (!s || !isStaff(actor, s.committeeId)) throw notFound();
	return s;
}

export function respondSummons(db: Db, actor: Actor, id: string, raw: unknown): void {
	const input = parseInput(summonsResponseSchema, raw);
	const s = loadSummons(db, actor, id);
	// The summoned units the person acts for, answered or not (answering twice is a 409).
	const mine = view(db, actor, s)
		.units.map((u) => u.unitId)
		.filter((unitId) => can(actor, 'summons.respond', { committeeId: s.committeeId, unitId }));
	const unitId = input.unitId ?? (mine.length === 1 ? mine[0] : undefined);
	if (!unitId || !can(actor, 'summons.respond', { committeeId: s.committeeId, unitId }))
		throw forbidden();
	db.transaction(
		(tx) => {
			const now = new Date();
			const r = tx
				.update(summonsUnits)
				.set({ respondedAt: now, respondedBy: actor.userId, response: input.response })
				.where(
					and(
						eq(summonsUnits.summonsId, s.id),
						eq(summonsUnits.unitId, unitId),
						isNull(summonsUnits.respondedAt)
					)
				)
				.run();
			if (r.changes === 0) throw new AppError(409, 'err.summons.answered');
			audit(
				tx,
				actor.userId,
				'summons.respond',
				`summons:${s.id}`,
				{ unit: unitId },
				committeeChain(s.committeeId)
			);
		},
		{ behavior: 'immediate' }
	);
}

function view(db: DbLike, actor: Actor, s: SummonsRow): SummonsView {
	const rows = db
		.select({ su: summonsUnits, name: units.name, by: users.displayName })
		.from(summonsUnits)
		.innerJoin(units, eq(units.id, summonsUnits.unitId))
		.leftJoin(users, eq(users.id, summonsUnits.respondedBy))
		.where(eq(summonsUnits.summonsId, s.id))
		.orderBy(asc(units.name))
		.all();
	const need = s.needId ? db.select().from(needs).where(eq(needs.id, s.needId)).get() : undefined;
	const creator = s.createdBy
		? db.select().from(users).where(eq(users.id, s.createdBy)).get()
		: undefined;
	const now = new Date();
	return {
		id: s.id,
		title: s.title,
		description: s.description,
		needId: s.needId,
		needTitle: need?.title ?? null,
		respondHours: s.respondHours,
		respondBy: s.respondBy,
		createdAt: s.createdAt,
		createdByName: creator?.displayName ?? null,
		units: rows.map((r) => ({
			unitId: r.su.unitId,
			unitName: r.name,
			respondedAt: r.su.respondedAt,
			respondedByName: r.by,
			response: r.su.response,
			late:
				!!r.su.lateAt ||
				(!r.su.respondedAt && s.respondBy < now) ||
				(!!r.su.respondedAt && r.su.respondedAt > s.respondBy)
		})),
		mayRespondFor: rows
			.filter(
				(r) =>
					!r.su.respondedAt &&
					can(actor, 'summons.respond', { committeeId: s.committeeId, unitId: r.su.unitId })
			)
			.map((r) => r.su.unitId)
	};
}

export function getSummons(db: Db, actor: Actor, id: string): SummonsView {
	return view(db, actor, loadSummons(db, actor, id));
}

export function listSummonses(
	db: Db,
	actor: Actor,
	committeeId: string,
	limit = 100
): SummonsView[] {
	if (!isStaff(actor, committeeId)) throw forbidden();
	return db
		.select()
		.from(summonses)
		.where(eq(summonses.committeeId, committeeId))
		.orderBy(desc(summonses.createdAt))
		.limit(limit)
		.all()
		.map((s) => view(db, actor, s));
}
