import { endpoint } from '$lib/server/api/endpoint';
import { createToken, listTokens } from '$lib/server/api/contracts/accounts';
import { createApiToken, listApiTokens } from '$lib/server/accounts/tokens';

export const GET = endpoint(listTokens, ({ db, userId }) => ({
	items: listApiTokens(db, userId),
	nextCursor: null
}));
export const POST = endpoint(createToken, ({ db, userId, body }) =>
	createApiToken(db, userId, body.name)
);
