import { endpoint } from '$lib/server/api/endpoint';
import { committee } from '$lib/server/api/contracts/org';
import { committeeOf, getCommittee } from '$lib/server/org/org';

export const GET = endpoint(committee, ({ db, actor }) => {
	const { id, name, street } = getCommittee(db, actor, committeeOf(actor));
	return { id, name, street };
});
