/**
 * The socket.io contract, declared once: the browser (src/lib/realtime), the services and the
 * server (server/socket) all import these types. Event names are `domain:verb`; each domain's
 * schemas and payloads live in its own file here.
 *
 * Every client → server event carries an `id` chosen by the client (for de-duplication of
 * retries) and is answered with a `Result` acknowledgement.
 */
import type { z } from 'zod';
import type { Result } from '../result';
import { hallEventSchemas, type HallEventResults, type HallServerEvents } from './hall';
import type { NeedServerEvents } from './needs';
import type { NotificationServerEvents } from './notifications';
import type { OrgServerEvents } from './org';
import {
	presenceEventSchemas,
	type PresenceEventResults,
	type PresenceServerEvents
} from './presence';
import type { SessionServerEvents } from './session';
import { voteEventSchemas, type VoteEventResults, type VoteServerEvents } from './votes';

export { PRESENCE_STATUSES, type PresenceEntry } from './presence';
export type { NeedChange } from './needs';
export type { OrgEntity } from './org';
export type { NotificationKind, NotificationPayload } from './notifications';
export type { CommentEvent, QuestionEvent } from './hall';
export type { VoteCountEvent } from './votes';

/** Schemas of what clients send; the server validates every event against them. */
export const clientEventSchemas = {
	...presenceEventSchemas,
	...hallEventSchemas,
	...voteEventSchemas
} as const;

export type ClientEventName = keyof typeof clientEventSchemas;
export type ClientEventPayload<E extends ClientEventName> = z.infer<(typeof clientEventSchemas)[E]>;
export type ClientEventPayloads = { [E in ClientEventName]: ClientEventPayload<E> };
/** The events of one domain, by their `domain:` prefix. */
export type ClientEventsOf<D extends string> = Extract<ClientEventName, `${D}:${string}`>;

/** What each client event's acknowledgement carries on success. */
export interface ClientEventResults
	extends PresenceEventResults, HallEventResults, VoteEventResults {}

export type ClientToServerEvents = {
	[E in ClientEventName]: (
		payload: ClientEventPayload<E>,
		ack: (result: Result<ClientEventResults[E]>) => void
	) => void;
};

export interface ServerToClientEvents
	extends
		NotificationServerEvents,
		NeedServerEvents,
		PresenceServerEvents,
		OrgServerEvents,
		HallServerEvents,
		SessionServerEvents,
		VoteServerEvents {}

/** Close codes of the Yjs endpoint (after the upgrade; before it, HTTP 401/403 answer). */
export const YJS_CLOSE = {
	badMessage: 4400,
	unauthorized: 4401,
	forbidden: 4403,
	/** Who may write changed (e.g. minutes approved): reconnect to be let in anew. */
	accessChanged: 4409,
	storageFailed: 4500
} as const;

/**
 * Reasons in the y-protocols auth message "permission denied" the Yjs server sends: `readOnly`
 * when a read-only connection opens, `writeDropped` (once) when it sends an edit anyway.
 */
export const YJS_DENIED = {
	readOnly: 'read-only',
	writeDropped: 'read-only: edit dropped'
} as const;
