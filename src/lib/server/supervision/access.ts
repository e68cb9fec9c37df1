/**
 * Who may see and do what in supervision: every entry point (pages, API, jobs) asks here, and
 * here asks the permission module, so a rule holds whichever way a request arrives.
 */
import { eq } from 'drizzle-orm';
import type { DbLike } from '../db';
import { supervisionNotices, type SupervisionNoticeRow } from '../db/schema';
import { AppError, notFound } from '../errors';
import { can, type Actor } from '../../shared/permissions';

/** The committee a person works in (the first they hold a role in). */
export function committeeOf(actor: Actor): string {
	const id = actor.roles[0]?.committeeId;
	if (!id) throw new AppError(403, 'err.forbidden');
	return id;
}

/** May the actor read this notice: supervision staff, its unit, or whoever issued it. */
export function maySeeNotice(actor: Actor, n: SupervisionNoticeRow): boolean {
	return (
		can(actor, 'supervision.view', { committeeId: n.committeeId }) ||
		can(actor, 'notice.reply', { committeeId: n.committeeId, unitId: n.unitId }) ||
		n.issuedBy === actor.userId
	);
}

/** A notice the actor may read; 404 otherwise, so its existence does not leak. */
export function noticeFor(db: DbLike, actor: Actor, id: string): SupervisionNoticeRow {
	const n = db.select().from(supervisionNotices).where(eq(supervisionNotices.id, id)).get();
	if (!n || !maySeeNotice(actor, n)) throw notFound();
	return n;
}
