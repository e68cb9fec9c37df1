/** A need's photos: attached by its submitter or staff, shown to those who may see the need. */
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db';
import { newId } from '../db/ids';
import { needPhotos, needs } from '../db/schema';
import { AppError, forbidden, notFound } from '../errors';
import { can, type Actor } from '../../shared/permissions';
import { canSeeNeed, needEvent } from './needs';

/** Attach photos (already validated and stored) to a need the actor submitted or manages. */
export function addPhotos(
	db: Db,
	actor: Actor,
	id: string,
	photos: { file: string; mime: string; bytes: number }[]
) {
	const need = db.select().from(needs).where(eq(needs.id, id)).get();
	if (!need || !canSeeNeed(actor, need)) throw notFound();
	if (
		need.submittedBy !== actor.userId &&
		!can(actor, 'need.manage', { committeeId: need.committeeId })
	)
		throw forbidden();
	db.transaction(
		(tx) => {
			const have = tx
				.select({ n: sql<number>`count(*)` })
				.from(needPhotos)
				.where(eq(needPhotos.needId, id))
				.get()!.n;
			if (have + photos.length > 6)
				throw new AppError(422, 'err.validation', { photos: ['err.photoCount'] });
			for (const p of photos)
				tx.insert(needPhotos)
					.values({ id: newId(), needId: id, ...p, createdAt: new Date() })
					.run();
			needEvent(tx, id, actor.userId, 'photo', { count: photos.length });
		},
		{ behavior: 'immediate' }
	);
}

/** A photo of a need, if the actor may see the need. */
export function getPhoto(db: Db, actor: Actor, photoId: string) {
	const row = db
		.select({ photo: needPhotos, need: needs })
		.from(needPhotos)
		.innerJoin(needs, eq(needs.id, needPhotos.needId))
		.where(eq(needPhotos.id, photoId))
		.get();
	if (!row || !canSeeNeed(actor, row.need)) throw notFound();
	return row.photo;
}
