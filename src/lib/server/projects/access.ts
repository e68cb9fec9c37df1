/**
 * Which project or resource, and may this person touch it: pages, the API and the seed all come
 * through here, so `can()` is asked the same question whichever way a request arrives. Drafts
 * are the secretary's: anyone else is answered as if there were no such project.
 */
import { and, eq } from 'drizzle-orm';
import type { DbLike } from '../db';
import { projects, resources, units, type ProjectRow, type ResourceRow } from '../db/schema';
import { AppError, forbidden, notFound } from '../errors';
import { can, type Actor, type Scope } from '../../shared/permissions';

export function loadProject(db: DbLike, id: string): ProjectRow {
	const p = db.select().from(projects).where(eq(projects.id, id)).get();
	if (!p) throw notFound();
	return p;
}

/** May the actor see this project at all (drafts: only those who manage projects)? */
export function maySeeProject(actor: Actor, p: Pick<ProjectRow, 'committeeId' | 'status'>) {
	const scope = { committeeId: p.committeeId };
	if (!can(actor, 'project.view', scope)) return false;
	return p.status !== 'draft' || can(actor, 'project.manage', scope);
}

/** A project the actor may see (404 otherwise), and may do `action` to (403) in `scope`. */
export function projectFor(
	db: DbLike,
	actor: Actor,
	id: string,
	action?: 'project.manage' | 'spending.record',
	scope: Partial<Scope> = {}
): ProjectRow {
	const p = loadProject(db, id);
	if (!maySeeProject(actor, p)) throw notFound();
	if (action && !can(actor, action, { committeeId: p.committeeId, ...scope })) throw forbidden();
	return p;
}

/** A unit of the committee (422 on the field when it is not one). */
export function unitOf(db: DbLike, committeeId: string, unitId: string, field = 'unitId') {
	const u = db
		.select()
		.from(units)
		.where(and(eq(units.id, unitId), eq(units.committeeId, committeeId)))
		.get();
	if (!u) throw new AppError(422, 'err.validation', { [field]: ['err.choose'] });
	return u;
}

export function loadResource(db: DbLike, id: string): ResourceRow {
	const r = db.select().from(resources).where(eq(resources.id, id)).get();
	if (!r) throw notFound();
	return r;
}

/** A resource the actor may see as staff (404 otherwise) and manage (403 otherwise). */
export function resourceFor(db: DbLike, actor: Actor, id: string, manage = false): ResourceRow {
	const r = loadResource(db, id);
	if (!can(actor, 'resource.view', { committeeId: r.committeeId })) throw notFound();
	if (manage && !can(actor, 'resource.manage', { committeeId: r.committeeId, unitId: r.unitId }))
		throw forbidden();
	return r;
}
