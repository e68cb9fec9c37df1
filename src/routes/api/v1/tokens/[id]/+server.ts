import { endpoint } from '$lib/server/api/endpoint';
import { deleteToken } from '$lib/server/api/contracts/accounts';
import { revokeApiToken } from '$lib/server/accounts/tokens';

export const DELETE = endpoint(deleteToken, ({ db, userId, params }) =>
	revokeApiToken(db, userId, params.id!)
);
