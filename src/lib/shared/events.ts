/**
 * The socket.io contract, declared once: the browser (src/lib/realtime), the services and the
 * server (server/socket) all import these types. Event names are `domain:verb`.
 *
 * Every client → server event carries an `id` chosen by the client (for de-duplication of
 * retries) and is answered with a `Result` acknowledgement.
 */
import { z } from 'zod';
import type { Result } from './result';

export const PRESENCE_STATUSES = ['online', 'away'] as const;

/** Schemas of what clients send; the server validates every event against them. */
export const clientEventSchemas = {
	'presence:join': z.strictObject({
		id: z.string().min(1).max(64),
		committeeId: z.string().min(1).max(64)
	}),
	'presence:update': z.strictObject({
		id: z.string().min(1).max(64),
		committeeId: z.string().min(1).max(64),
		status: z.enum(PRESENCE_STATUSES)
	}),
	'presence:leave': z.strictObject({
		id: z.string().min(1).max(64),
		committeeId: z.string().min(1).max(64)
	})
} as const;

export type ClientEventName = keyof typeof clientEventSchemas;
export type ClientEventPayload<E extends ClientEventName> = z.infer<(typeof clientEventSchemas)[E]>;

export interface PresenceEntry {
	userId: string;
	displayName: string;
	status: (typeof PRESENCE_STATUSES)[number];
}

/** What each client event's acknowledgement carries on success. */
export interface ClientEventResults {
	'presence:join': { online: PresenceEntry[] };
	'presence:update': { online: PresenceEntry[] };
	'presence:leave': null;
}

export type ClientToServerEvents = {
	[E in ClientEventName]: (
		payload: ClientEventPayload<E>,
		ack: (result: Result<ClientEventResults[E]>) => void
	) => void;
};

export type OrgEntity = 'community' | 'grid' | 'unit' | 'person' | 'invite';

export type NotificationKind = 'need.status' | 'need.merged' | 'meeting.scheduled' | 'meeting.changed' | 'meeting.cancelled';

export interface NotificationPayload {
	id: string;
	kind: NotificationKind;
	params: Record<string, string | number>;
	link: string;
	createdAt: string;
}

/** What board and detail pages need to update a need live (never private details). */
export interface NeedChange {
	id: string;
	status: string;
	supportCount: number;
}

export interface ServerToClientEvents {
	/** A new notification for this person. */
	'notification:new': (payload: NotificationPayload) => void;
	/** A need's status or support count changed. Private needs go only to staff and the submitter. */
	'need:changed': (payload: NeedChange) => void;
	/** Who is online in a committee changed. */
	'presence:changed': (payload: { committeeId: string; online: PresenceEntry[] }) => void;
	/** An admin changed the organisation: lists showing it should refresh. */
	'org:changed': (payload: { committeeId: string; entity: OrgEntity; id: string }) => void;
	/** The session behind this connection ended (logout, revocation); the server disconnects next. */
	'session:ended': (payload: { reason: 'logout' | 'revoked' }) => void;
}

/** Close codes of the Yjs endpoint (after the upgrade; before it, HTTP 401/403 answer). */
export const YJS_CLOSE = {
	badMessage: 4400,
	unauthorized: 4401,
	forbidden: 4403,
	storageFailed: 4500
} as const;
