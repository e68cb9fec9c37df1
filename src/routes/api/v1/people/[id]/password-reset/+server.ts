import { endpoint } from '$lib/server/api/endpoint';
import { issuePasswordReset } from '$lib/server/api/contracts/account';
import { issuePasswordReset as issue } from '$lib/server/accounts/passwords';
import { committeeOf } from '$lib/server/org/org';

export const POST = endpoint(issuePasswordReset, ({ db, actor, params, event }) => {
	const r = issue(db, actor, committeeOf(actor), params.id!);
	return {
		token: r.token,
		url: new URL(`/reset/${r.token}`, event.url.origin).href,
		expiresAt: r.expiresAt.toISOString()
	};
});
