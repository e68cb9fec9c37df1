/**
 * Claiming (认领): a member unit takes a project from the published list. The first claim wins:
 * the condition "published and unclaimed" is in the UPDATE itself, so two units claiming at once
 * (or two server processes) cannot both succeed; the second is told plainly (409).
 */
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db';
import { projects, roleAssignments } from '../db/schema';
import { AppError, forbidden } from '../errors';
import { audit, committeeChain } from '../platform/audit';
import { notify } from '../notifications/notifications';
import { can, type Actor } from '../../shared/permissions';
import { claimingUnits } from './projects';
import { loadProject, projectFor, unitOf } from './access';
import { createProjectTasks } from './claim-tasks';

/** Which unit claims: the one named, or the only one the person acts for. */
function claimingUnit(actor: Actor, committeeId: string, unitId: string | undefined): string {
	if (unitId) return unitId;
	const mine = claimingUnits(actor, committeeId);
	if (mine.length === 1) return mine[0]!;
	if (!mine.length) throw forbidden();
	throw new AppError(422, 'err.validation', { unitId: ['err.choose'] });
}

export interface ClaimResult {
	projectId: string;
	unitId: string;
	taskIds: string[];
}

export function claimProject(
	db: Db,
	actor: Actor,
	id: string,
	input: { unitId?: string } = {}
): ClaimResult {
	const p = projectFor(db, actor, id);
	const unitId = claimingUnit(actor, p.committeeId, input.unitId);
	if (!can(actor, 'project.claim', { committeeId: p.committeeId, unitId })) throw forbidden();
	const unit = unitOf(db, p.committeeId, unitId);
	const now = new Date();
	let push = () => {};
	const taskIds = db.transaction(
		(tx) => {
			const r = tx
				.update(projects)
				.set({ status: 'claimed', claimedBy: unitId, claimedAt: now, updatedAt: now })
				.where(
					and(eq(projects.id, id), eq(projects.status, 'published'), isNull(projects.claimedBy))
				)
				.run();
			if (!r.changes) throw new AppError(409, 'err.projects.alreadyClaimed');
			const fresh = loadProject(tx, id);
			const made = createProjectTasks(tx, fresh, unitId, actor.userId, now);
			audit(
				tx,
				actor.userId,
				'project.claim',
				id,
				{ unitId, taskIds: made.taskIds },
				committeeChain(p.committeeId)
			);
			const secretaries = tx
				.select({ userId: roleAssignments.userId })
				.from(roleAssignments)
				.where(
					and(eq(roleAssignments.committeeId, p.committeeId), eq(roleAssignments.role, 'admin'))
				)
				.all()
				.map((a) => a.userId);
			const told = notify(tx, secretaries, {
				kind: 'project.claimed',
				params: { unit: unit.name, title: p.title },
				link: `/projects/${id}`
			});
			push = () => {
				made.push();
				told();
			};
			return made.taskIds;
		},
		{ behavior: 'immediate' }
	);
	push();
	return { projectId: id, unitId, taskIds };
}
