/** Types shared by the socket.io server and its handlers. */
import type { Server, Socket } from 'socket.io';
import type { MessageKey, Locale } from '../../src/lib/i18n';
import type { Actor } from '../../src/lib/shared/permissions';
import type { ClientEventName, ClientToServerEvents, ServerToClientEvents } from '../../src/lib/shared/events';
import type { ErrorCode, Result } from '../../src/lib/shared/result';
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

export type YitingServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export type YitingSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

export class HandlerError extends Error {
	constructor(
		readonly code: ErrorCode,
		readonly key: MessageKey
	) {
		super(key);
	}
}

/** What a handler does once its payload is valid: return the ack value or throw HandlerError. */
export type Handler<E extends ClientEventName> = (
	socket: YitingSocket,
	payload: Parameters<ClientToServerEvents[E]>[0]
) => Parameters<Parameters<ClientToServerEvents[E]>[1]>[0] extends Result<infer T> ? T : never;

export type HandlerTable = { [E in ClientEventName]: Handler<E> };

