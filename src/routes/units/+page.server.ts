import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { requireActor } from '$lib/server/http/forms';
import { listUnits } from '$lib/server/org/org';

export const load: PageServerLoad = (event) => {
	const { actor, committeeId } = requireActor(event);
	return { units: listUnits(getDb(), actor, committeeId, { limit: 200 }).items };
};
