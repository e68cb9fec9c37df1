/** Types shared by the socket.io server and its handlers. */
import type { Server, Socket } from 'socket.io';
import type { Locale } from '../../src/lib/i18n';
import type { Actor } from '../../src/lib/shared/permissions';
import type {
	ClientEventName,
	ClientEventPayload,
	ClientEventResults,
	ClientToServerEvents,
	ServerToClientEvents
} from '../../src/lib/shared/events';
import type { EventDef } from './dispatch';
import type { TokenBucket } from './rate-limit';

export interface SocketData {
	userId: string;
	sessionId: string | null;
	displayName: string;
	locale: Locale;
	actor: Actor;
	bucket: TokenBucket;
	committees: Set<string>;
	/** Meetings whose hall this connection is in. */
	halls: Set<string>;
}

export type YitingServer = Server<
	ClientToServerEvents,
	ServerToClientEvents,
	Record<string, never>,
	SocketData
>;
export type YitingSocket = Socket<
	ClientToServerEvents,
	ServerToClientEvents,
	Record<string, never>,
	SocketData
>;

/** How one client event is handled: its payload and ack value come from the shared contract. */
export type Handler<E extends ClientEventName> = EventDef<
	YitingSocket,
	ClientEventPayload<E>,
	ClientEventResults[E]
>;

/**
 * Handlers for exactly the events `E`: a missing one, or one for an event outside `E`, does
 * not compile.
 */
export type Handlers<E extends ClientEventName> = { [K in E]: Handler<K> };
