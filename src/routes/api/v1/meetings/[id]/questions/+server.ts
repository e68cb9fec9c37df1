import { endpoint } from '$lib/server/api/endpoint';
import { getQuestions } from '$lib/server/api/contracts/hall';
import { hallView } from '$lib/server/hall/snapshot';

export const GET = endpoint(getQuestions, ({ db, actor, params }) => ({
	items: hallView(db, actor, params.id!).questions
}));
