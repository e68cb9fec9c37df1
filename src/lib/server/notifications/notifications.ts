/**
 * The notification centre: in-app notifications stored per person, pushed live over socket.io
 * (`notification:new` to the room `user:<id>`), read in the reader's own language.
 */
import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db, DbLike } from '../db';
import { newId } from '../db/ids';
import { notifications } from '../db/schema';
import { getHub } from '../platform/hub';
import type { NotificationKind } from '../../shared/events';
import { userRoom } from '../../shared/rooms';

export interface NotifyInput {
	kind: NotificationKind;
	params: Record<string, string | number>;
	link: string;
}

/**
 * Store a notification for each recipient (inside the caller's transaction) and return a
 * function that pushes them live; call it after the transaction commits.
 */
export function notify(db: DbLike, userIds: Iterable<string>, n: NotifyInput): () => void {
	const rows = [...new Set(userIds)].map((userId) => ({
		id: newId(),
		userId,
		kind: n.kind,
		params: JSON.stringify(n.params),
		link: n.link,
		createdAt: new Date()
	}));
	// In slices: one statement binds 7 values a row, and SQLite takes at most 32,766 per statement.
	for (let i = 0; i < rows.length; i += 500)
		db.insert(notifications)
			.values(rows.slice(i, i + 500))
			.run();
	return () => {
		for (const r of rows) {
			getHub().emit(userRoom(r.userId), 'notification:new', {
				id: r.id,
				kind: n.kind,
				params: n.params,
				link: n.link,
				createdAt: r.createdAt.toISOString()
			});
		}
	};
}

export function listNotifications(db: Db, userId: string, limit = 50) {
	return db
		.select()
		.from(notifications)
		.where(eq(notifications.userId, userId))
		.orderBy(desc(notifications.createdAt))
		.limit(limit)
		.all()
		.map((n) => ({
			...n,
			params: JSON.parse(n.params) as Record<string, string | number>,
			kind: n.kind as NotificationKind
		}));
}

export function unreadCount(db: Db, userId: string): number {
	return (
		db
			.select({ n: sql<number>`count(*)` })
			.from(notifications)
			.where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
			.get()?.n ?? 0
	);
}

/** Mark some (or all) of a person's notifications read. */
export function markRead(db: Db, userId: string, ids?: string[]): void {
	db.update(notifications)
		.set({ readAt: new Date() })
		.where(
			and(
				eq(notifications.userId, userId),
				isNull(notifications.readAt),
				ids ? inArray(notifications.id, ids) : undefined
			)
		)
		.run();
}
