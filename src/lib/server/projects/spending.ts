/**
 * Open finances (阳光财务): spending entries against a project's budget, each with its item, day
 * and receipt, recorded by the secretary or the unit that claimed the project, and read by
 * everyone who may read the project — residents included, once it is published.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../db';
import { newId } from '../db/ids';
import { spendings } from '../db/schema';
import { AppError, notFound } from '../errors';
import { config } from '../config';
import { audit, committeeChain } from '../platform/audit';
import { dateToWallTime } from '../../time';
import type { SpendingInput } from '../../shared/schemas/projects';
import type { Actor } from '../../shared/permissions';
import type { SpendingView } from '../../shared/projects/view';
import { maySeeProject, loadProject, projectFor } from './access';
import { projectSpending } from './view';
import type { StoredReceipt } from './receipts';

/** Record a spending entry (input parsed by `spendingInput`: amount in fen); returns its id. */
export function recordSpending(
	db: Db,
	actor: Actor,
	projectId: string,
	input: SpendingInput,
	receipt: StoredReceipt | null = null
): string {
	const p = projectFor(db, actor, projectId);
	projectFor(db, actor, projectId, 'spending.record', { unitId: p.claimedBy ?? undefined });
	if (p.status === 'draft') throw new AppError(409, 'err.projects.notPublished');
	const today = dateToWallTime(new Date(), config.timeZone).slice(0, 10);
	if (input.spentOn > today)
		throw new AppError(422, 'err.validation', { spentOn: ['err.projects.future'] });
	const id = newId();
	db.transaction((tx) => {
		tx.insert(spendings)
			.values({
				id,
				projectId,
				amount: input.amount,
				item: input.item,
				spentOn: input.spentOn,
				receiptFile: receipt?.file ?? null,
				receiptMime: receipt?.mime ?? null,
				recordedBy: actor.userId,
				createdAt: new Date()
			})
			.run();
		audit(
			tx,
			actor.userId,
			'spending.record',
			id,
			{ projectId, amount: input.amount, item: input.item },
			committeeChain(p.committeeId)
		);
	});
	return id;
}

export function listSpending(db: Db, actor: Actor, projectId: string): SpendingView[] {
	projectFor(db, actor, projectId);
	return projectSpending(db, projectId);
}

/** The receipt of a spending entry, to those who may read its project. */
export function getReceipt(db: Db, actor: Actor, spendingId: string) {
	const s = db.select().from(spendings).where(eq(spendings.id, spendingId)).get();
	if (!s || !s.receiptFile || !s.receiptMime) throw notFound();
	if (!maySeeProject(actor, loadProject(db, s.projectId))) throw notFound();
	return { file: s.receiptFile, mime: s.receiptMime };
}
