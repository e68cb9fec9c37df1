import { endpoint } from '$lib/server/api/endpoint';
import { notificationsRead } from '$lib/server/api/contracts/needs';
import { markRead } from '$lib/server/notifications/notifications';

export const POST = endpoint(notificationsRead, ({ db, userId, body }) =>
	markRead(db, userId, body.ids)
);
