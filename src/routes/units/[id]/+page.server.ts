import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { requireActor } from '$lib/server/http/forms';
import { getUnit } from '$lib/server/org/org';
import { can } from '$lib/shared/permissions';
import { unitDutiesDoc } from '$lib/shared/doc-names';

export const load: PageServerLoad = (event) => {
	const { actor } = requireActor(event);
	const unit = getUnit(getDb(), actor, event.params.id);
	return {
		unit,
		docName: unitDutiesDoc(unit.id),
		canEdit: can(actor, 'unit.edit', { committeeId: unit.committeeId, unitId: unit.id })
	};
};
