/** Handlers for `presence:*`: who of a committee is online right now. */
import { can } from '../../src/lib/shared/permissions';
import type { PresenceRegistry } from './presence';
import { HandlerError, type YitingServer, type YitingSocket } from './types';
import { committeeRoom } from '../../src/lib/shared/rooms';

export function presenceHandlers(io: YitingServer, presence: PresenceRegistry) {
	const broadcast = (committeeId: string) =>
		io.to(committeeRoom(committeeId)).emit('presence:changed', { committeeId, online: presence.list(committeeId) });

	return {
		'presence:join': (socket: YitingSocket, p: { committeeId: string }) => {
			if (!can(socket.data.actor, 'presence.join', { committeeId: p.committeeId })) {
				throw new HandlerError('forbidden', 'err.forbidden');
			}
			void socket.join(committeeRoom(p.committeeId));
			socket.data.committees.add(p.committeeId);
			presence.join(p.committeeId, socket.data.userId, socket.data.displayName, socket.id);
			broadcast(p.committeeId);
			return { online: presence.list(p.committeeId) };
		},
		'presence:update': (socket: YitingSocket, p: { committeeId: string; status: 'online' | 'away' }) => {
			if (!socket.data.committees.has(p.committeeId)) throw new HandlerError('forbidden', 'err.forbidden');
			presence.setStatus(p.committeeId, socket.data.userId, p.status);
			broadcast(p.committeeId);
			return { online: presence.list(p.committeeId) };
		},
		'presence:leave': (socket: YitingSocket, p: { committeeId: string }) => {
			if (!socket.data.committees.has(p.committeeId)) throw new HandlerError('forbidden', 'err.forbidden');
			socket.data.committees.delete(p.committeeId);
			// Stays in `committee:<id>`: that room also carries the committee's public updates.
			if (presence.leave(p.committeeId, socket.data.userId, socket.id)) broadcast(p.committeeId);
			return null;
		}
	};
}
