import { endpoint } from '$lib/server/api/endpoint';
import { endOtherSessions, listSessions } from '$lib/server/api/contracts/account';
import * as sessions from '$lib/server/accounts/sessions';

export const GET = endpoint(listSessions, ({ db, userId, event }) => ({
	items: sessions.listSessions(db, userId, event.locals.session?.id ?? null).map((s) => ({
		...s,
		createdAt: s.createdAt.toISOString(),
		lastSeenAt: s.lastSeenAt?.toISOString() ?? null
	})),
	nextCursor: null
}));

export const DELETE = endpoint(endOtherSessions, ({ db, userId, event }) => {
	return {
		endedSessions: sessions.signOutOthers(db, userId, event.locals.session?.id ?? null)
	};
});
