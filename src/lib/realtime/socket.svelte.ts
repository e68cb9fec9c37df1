/**
 * The browser's one socket.io connection, typed by the shared contract. `emitEvent` gives every
 * event an id and retries it on reconnect; the server applies an id once, so a retry never
 * counts twice.
 */
import { io, type Socket } from 'socket.io-client';
import type {
	ClientEventName,
	ClientEventPayload,
	ClientEventResults,
	ClientToServerEvents,
	ServerToClientEvents
} from '../shared/events';
import type { Result } from '../shared/result';

export type YitingClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
export type ConnectionState = 'connecting' | 'connected' | 'offline';

class Connection {
	state = $state<ConnectionState>('connecting');
	#socket: YitingClientSocket | null = null;

	get socket(): YitingClientSocket {
		if (!this.#socket) {
			// Short reconnection delays: someone whose network comes back should be current within seconds.
			const s: YitingClientSocket = io({
				path: '/socket.io',
				transports: ['websocket', 'polling'],
				ackTimeout: 5000,
				retries: 3,
				reconnectionDelay: 250,
				reconnectionDelayMax: 1500
			});
			s.on('connect', () => (this.state = 'connected'));
			// A connection that died while offline may not notice for a long time (until the next
			// ping times out): when the network returns, start a fresh one at once.
			window.addEventListener('online', () => {
				if (s.connected) s.io.engine?.close();
				else s.connect();
			});
			window.addEventListener('offline', () => (this.state = 'offline'));
			s.on('disconnect', () => (this.state = 'offline'));
			s.on('connect_error', () => (this.state = 'offline'));
			s.io.on('reconnect_attempt', () => (this.state = 'connecting'));
			this.#socket = s;
		}
		return this.#socket;
	}
}

export const connection = new Connection();

export function emitEvent<E extends ClientEventName>(
	event: E,
	payload: Omit<ClientEventPayload<E>, 'id'>
): Promise<Result<ClientEventResults[E]>> {
	const id = crypto.randomUUID();
	// socket.io resolves an event's argument types for a known name only, not for a generic
	// one: this function's signature is what keeps callers to the contract.
	const socket: Socket = connection.socket;
	return socket.emitWithAck(event, { ...payload, id }).catch((): Result<ClientEventResults[E]> => ({
		ok: false,
		error: { code: 'internal', message: '' }
	}));
}
