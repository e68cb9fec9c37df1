import { endpoint } from '$lib/server/api/endpoint';
import { committee, updateCommittee } from '$lib/server/api/contracts/org';
import { committeeOf, getCommittee, setVotePer } from '$lib/server/org/org';

export const GET = endpoint(committee, ({ db, actor }) => {
	const { id, name, street, votePer } = getCommittee(db, actor, committeeOf(actor));
	return { id, name, street, votePer };
});
export const PATCH = endpoint(updateCommittee, ({ db, actor, body }) => {
	const { id, name, street, votePer } = setVotePer(db, actor, committeeOf(actor), body.votePer);
	return { id, name, street, votePer };
});
