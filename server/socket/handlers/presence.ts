/** Handlers for `presence:*`: who of a committee is online right now. */
import { forbidden } from '../../../src/lib/server/errors';
import type { ClientEventsOf } from '../../../src/lib/shared/events';
import { can } from '../../../src/lib/shared/permissions';
import { committeeRoom } from '../../../src/lib/shared/rooms';
import type { PresenceRegistry } from '../presence';
import { presenceOutbox } from '../presence-outbox';
import type { Handlers, YitingServer, YitingSocket } from '../types';

// Presence acts on the connection that sends it, so a retry on a new connection after a drop
// must take effect there: retries are recognised per connection.
const rules = { dedupe: 'connection', cost: 1 } as const;

export function presenceHandlers(io: YitingServer, presence: PresenceRegistry) {
	const broadcast = presenceOutbox(io, presence);
	const joined = (socket: YitingSocket, committeeId: string) => {
		if (!socket.data.committees.has(committeeId)) throw forbidden();
	};

	return {
		'presence:join': {
			...rules,
			run: (socket, p) => {
				if (!can(socket.data.actor, 'presence.join', { committeeId: p.committeeId }))
					throw forbidden();
				void socket.join(committeeRoom(p.committeeId));
				socket.data.committees.add(p.committeeId);
				presence.join(p.committeeId, socket.data.userId, socket.data.displayName, socket.id);
				broadcast(p.committeeId);
				return { online: presence.list(p.committeeId) };
			}
		},
		'presence:update': {
			...rules,
			run: (socket, p) => {
				joined(socket, p.committeeId);
				presence.setStatus(p.committeeId, socket.data.userId, p.status);
				broadcast(p.committeeId);
				return { online: presence.list(p.committeeId) };
			}
		},
		'presence:leave': {
			...rules,
			run: (socket, p) => {
				joined(socket, p.committeeId);
				socket.data.committees.delete(p.committeeId);
				// Stays in `committee:<id>`: that room also carries the committee's public updates.
				if (presence.leave(p.committeeId, socket.data.userId, socket.id)) broadcast(p.committeeId);
				return null;
			}
		}
	} satisfies Handlers<ClientEventsOf<'presence'>>;
}

/** A connection closed: it leaves the presence of every committee it had joined. */
export function leaveAllCommittees(
	io: YitingServer,
	presence: PresenceRegistry,
	socket: YitingSocket
) {
	const broadcast = presenceOutbox(io, presence);
	for (const committeeId of socket.data.committees)
		if (presence.leave(committeeId, socket.data.userId, socket.id)) broadcast(committeeId);
}
