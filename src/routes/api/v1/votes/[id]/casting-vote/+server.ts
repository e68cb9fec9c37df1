import { endpoint } from '$lib/server/api/endpoint';
import * as api from '$lib/server/api/contracts/votes';
import * as votes from '$lib/server/votes';

export const POST = endpoint(api.castingVote, ({ db, actor, params, body }) => {
	const decision = votes.castingVote(db, actor, params.id!, body.optionId);
	return { ...decision, at: new Date(decision.at).toISOString() };
});
