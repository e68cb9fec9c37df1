/**
 * The project list (项目清单): the secretary drafts projects for a quarter — an aim, a budget, the
 * communities served — and publishes the quarter's list ("menu-style service"), from which member
 * units claim them (claim.ts). Residents read the published list with its finances (阳光财务).
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Db, DbLike } from '../db';
import { newId } from '../db/ids';
import { communities, projectCommunities, projects, units } from '../db/schema';
import { config } from '../config';
import { zonedParts } from '../../time';
import { quarterOfMonth } from '../../shared/projects/money';
import { AppError, forbidden } from '../errors';
import { audit, committeeChain } from '../platform/audit';
import { can, type Actor } from '../../shared/permissions';
import type { ProjectInput, ProjectPatch } from '../../shared/schemas/projects';
import type { ProjectSummary, ProjectView } from '../../shared/projects/view';
import { projectFor } from './access';
import { projectRows, projectSpending, projectTasks, toSummaries } from './view';

function checkCommunities(db: DbLike, committeeId: string, ids: string[]): string[] {
	const unique = [...new Set(ids)];
	if (!unique.length) return unique;
	const found = db
		.select({ id: communities.id })
		.from(communities)
		.where(and(eq(communities.committeeId, committeeId), inArray(communities.id, unique)))
		.all();
	if (found.length !== unique.length)
		throw new AppError(422, 'err.validation', { communityIds: ['err.choose'] });
	return unique;
}

function setCommunities(tx: DbLike, projectId: string, ids: string[]) {
	tx.delete(projectCommunities).where(eq(projectCommunities.projectId, projectId)).run();
	if (ids.length)
		tx.insert(projectCommunities)
			.values(ids.map((communityId) => ({ projectId, communityId })))
			.run();
}

/** A draft project on a quarter's list (input parsed by `projectInput`: budget in fen). */
export function createProject(
	db: Db,
	actor: Actor,
	committeeId: string,
	input: ProjectInput
): string {
	if (!can(actor, 'project.manage', { committeeId })) throw forbidden();
	const communityIds = checkCommunities(db, committeeId, input.communityIds);
	const id = newId();
	const now = new Date();
	db.transaction((tx) => {
		tx.insert(projects)
			.values({
				id,
				committeeId,
				title: input.title,
				description: input.description,
				quarter: input.quarter,
				budget: input.budget,
				status: 'draft',
				createdBy: actor.userId,
				createdAt: now,
				updatedAt: now
			})
			.run();
		setCommunities(tx, id, communityIds);
		audit(
			tx,
			actor.userId,
			'project.create',
			id,
			{ budget: input.budget },
			committeeChain(committeeId)
		);
	});
	return id;
}

/** Change a draft (a published project is a promise to the units and residents: it stays). */
export function editProject(db: Db, actor: Actor, id: string, patch: ProjectPatch): void {
	const p = projectFor(db, actor, id, 'project.manage');
	const communityIds =
		patch.communityIds && checkCommunities(db, p.committeeId, patch.communityIds);
	const { communityIds: _ignored, ...fields } = patch;
	db.transaction(
		(tx) => {
			const r = tx
				.update(projects)
				.set({ ...fields, updatedAt: new Date() })
				.where(and(eq(projects.id, id), eq(projects.status, 'draft')))
				.run();
			if (!r.changes) throw new AppError(409, 'err.projects.notDraft');
			if (communityIds) setCommunities(tx, id, communityIds);
			audit(tx, actor.userId, 'project.edit', id, {}, committeeChain(p.committeeId));
		},
		{ behavior: 'immediate' }
	);
}

/** Put one draft on the published list. */
export function publishProject(db: Db, actor: Actor, id: string): void {
	const p = projectFor(db, actor, id, 'project.manage');
	db.transaction(
		(tx) => {
			const r = tx
				.update(projects)
				.set({ status: 'published', publishedAt: new Date(), updatedAt: new Date() })
				.where(and(eq(projects.id, id), eq(projects.status, 'draft')))
				.run();
			if (!r.changes) throw new AppError(409, 'err.projects.notDraft');
			audit(tx, actor.userId, 'project.publish', id, {}, committeeChain(p.committeeId));
		},
		{ behavior: 'immediate' }
	);
}

/** Publish every draft of a quarter: the quarter's list goes out at once. Returns how many. */
export function publishQuarter(db: Db, actor: Actor, committeeId: string, quarter: string): number {
	if (!can(actor, 'project.manage', { committeeId })) throw forbidden();
	return db.transaction(
		(tx) => {
			const now = new Date();
			const r = tx
				.update(projects)
				.set({ status: 'published', publishedAt: now, updatedAt: now })
				.where(
					and(
						eq(projects.committeeId, committeeId),
						eq(projects.quarter, quarter),
						eq(projects.status, 'draft')
					)
				)
				.run();
			audit(
				tx,
				actor.userId,
				'project.publishQuarter',
				quarter,
				{ count: r.changes },
				committeeChain(committeeId)
			);
			return r.changes;
		},
		{ behavior: 'immediate' }
	);
}

export interface ProjectFilter {
	quarter?: string;
	/** Include drafts (only for those who manage projects; ignored for anyone else). */
	drafts?: boolean;
	unitId?: string;
}

/** The projects the actor may read: published ones for everyone, drafts for the secretary. */
export function listProjects(
	db: Db,
	actor: Actor,
	committeeId: string,
	f: ProjectFilter = {}
): ProjectSummary[] {
	if (!can(actor, 'project.view', { committeeId })) throw forbidden();
	const drafts = !!f.drafts && can(actor, 'project.manage', { committeeId });
	return toSummaries(db, projectRows(db, committeeId, { ...f, drafts }));
}

/** The units this person may claim for (their own as liaison or member representative). */
export function claimingUnits(actor: Actor, committeeId: string): string[] {
	return actor.roles
		.filter(
			(r) =>
				r.committeeId === committeeId && (r.role === 'liaison' || r.role === 'member') && !!r.unitId
		)
		.map((r) => r.unitId!)
		.filter((u, i, all) => all.indexOf(u) === i);
}

export function getProject(db: Db, actor: Actor, id: string): ProjectView {
	const p = projectFor(db, actor, id);
	const scope = { committeeId: p.committeeId };
	const summary = toSummaries(db, [p])[0]!;
	const claimable =
		p.status === 'published' &&
		!p.claimedBy &&
		claimingUnits(actor, p.committeeId).some((unitId) =>
			can(actor, 'project.claim', { ...scope, unitId })
		);
	return {
		...summary,
		description: p.description,
		tasks: projectTasks(db, p.id),
		spending: projectSpending(db, p.id),
		canManage: can(actor, 'project.manage', scope),
		canClaim: claimable,
		canRecordSpending:
			p.status !== 'draft' &&
			can(actor, 'spending.record', { ...scope, unitId: p.claimedBy ?? undefined })
	};
}

/** The quarter it is now in the committee's time zone: `2026-Q4`. */
export function currentQuarter(now = new Date()): string {
	const p = zonedParts(now, config.timeZone);
	return quarterOfMonth(p.year, p.month);
}

/** The units this person may claim for, with their names (for the claim form's choice). */
export function claimingUnitOptions(db: Db, actor: Actor, committeeId: string) {
	const ids = claimingUnits(actor, committeeId);
	if (!ids.length) return [];
	return db
		.select({ id: units.id, name: units.name })
		.from(units)
		.where(inArray(units.id, ids))
		.all();
}
