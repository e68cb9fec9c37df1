/** The organisation's shared documents: each member unit's duty list (履职清单). */
import { eq } from 'drizzle-orm';
import { units } from '../db/schema';
import type { DocKind } from '../docs/access';
import { docAccess } from '../../shared/permissions';

export const orgDocKinds: DocKind[] = [
	{
		kind: 'unit',
		part: 'duties',
		access(db, actor, id) {
			const unit = db
				.select({ committeeId: units.committeeId })
				.from(units)
				.where(eq(units.id, id))
				.get();
			if (!unit) return null;
			const scope = { committeeId: unit.committeeId, unitId: id };
			return docAccess(actor, ['unit.view', scope], ['unit.edit', scope]);
		}
	}
];
