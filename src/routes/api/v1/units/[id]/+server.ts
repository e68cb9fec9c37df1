import { endpoint } from '$lib/server/api/endpoint';
import { getUnit, updateUnit } from '$lib/server/api/contracts/org';
import * as org from '$lib/server/org/org';

export const GET = endpoint(getUnit, ({ db, actor, params }) => {
	const { committeeId: _, ...u } = org.getUnit(db, actor, params.id!);
	return u;
});
export const PATCH = endpoint(updateUnit, ({ db, actor, params, body }) => {
	const { committeeId: _, ...u } = org.updateUnit(db, actor, params.id!, body);
	return u;
});
