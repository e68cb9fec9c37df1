import { endpoint } from '$lib/server/api/endpoint';
import { notificationsList } from '$lib/server/api/contracts/needs';
import { listNotifications, unreadCount } from '$lib/server/notifications/notifications';
import { notificationText } from '$lib/server/needs/view';

export const GET = endpoint(notificationsList, ({ db, userId, event }) => ({
	items: listNotifications(db, userId).map((n) => ({
		id: n.id,
		kind: n.kind,
		text: notificationText(event.locals.locale, n.kind, n.params),
		link: n.link,
		createdAt: n.createdAt,
		readAt: n.readAt
	})),
	unread: unreadCount(db, userId),
	nextCursor: null
}));
