/**
 * Which shared documents exist and who may read or write them. Names are paths:
 * `unit/<unitId>/duties` (a member unit's duty list, 履职清单) and `meeting/<id>/agenda`
 * (a meeting's agenda; see src/lib/shared/agenda.ts) and `meeting/<id>/minutes` (its minutes, a
 * Tiptap/ProseMirror fragment; see src/lib/server/minutes).
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../db';
import { units } from '../db/schema';
import { getMeeting, meetingScope } from '../meetings/meetings';
import { hallScope, openHall } from '../hall/hall';
import { AppError } from '../errors';
import { docAccess, type Actor, type DocAccess } from '../../shared/permissions';

export const DOC_NAME = /^[a-z]+\/[a-z0-9]{1,32}\/[a-z]+$/;

/** The access `actor` has to document `name`; null when none, or when no such document exists. */
export function resolveDocAccess(db: Db, actor: Actor | null, name: string): DocAccess {
	if (!actor || !DOC_NAME.test(name)) return null;
	const [kind, id, part] = name.split('/') as [string, string, string];
	if (kind === 'unit' && part === 'duties') {
		const unit = db.select({ committeeId: units.committeeId }).from(units).where(eq(units.id, id)).get();
		if (!unit) return null;
		const scope = { committeeId: unit.committeeId, unitId: id };
		return docAccess(actor, ['unit.view', scope], ['unit.edit', scope]);
	}
	if (kind === 'meeting' && part === 'minutes') {
		let hall;
		try {
			hall = openHall(db, id);
		} catch (err) {
			if (err instanceof AppError) return null;
			throw err;
		}
		const scope = hallScope(hall);
		return docAccess(actor, ['minutes.view', scope], ['minutes.edit', scope]);
	}
	if (kind === 'meeting' && part === 'agenda') {
		let meeting;
		try {
			meeting = getMeeting(db, actor, id);
		} catch (err) {
			if (err instanceof AppError) return null;
			throw err;
		}
		const scope = meetingScope(meeting);
		return docAccess(actor, ['meeting.view', scope], ['agenda.edit', scope]);
	}
	return null;
}

export const unitDutiesDoc = (unitId: string) => `unit/${unitId}/duties`;
/** The Y.Text inside a unit's duty-list document. */
export const DUTIES_TEXT = 'duties';
