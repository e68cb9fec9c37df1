import { endpoint } from '$lib/server/api/endpoint';
import { resetPassword } from '$lib/server/api/contracts/account';
import { resetPassword as reset } from '$lib/server/accounts/passwords';

export const POST = endpoint(resetPassword, async ({ db, body }) => {
	await reset(db, body.token, body.newPassword);
});
