/**
 * socket.io for meeting and committee events, on an engine.io server whose requests and
 * upgrades the router hands over (server/upgrade.ts). Events go through one pipeline
 * (dispatch.ts) to their handlers (handlers/<domain>.ts), which read the same way:
 * validate → check permission → call the service → ack → broadcast.
 */
import { Server as Engine } from 'engine.io';
import type { IncomingMessage } from 'node:http';
import type { Logger } from 'pino';
import { Server } from 'socket.io';
import type { Db } from '../../src/lib/server/db';
import { authenticate, loadActor } from '../../src/lib/server/auth/session';
import { isEncrypted, websocketOriginOk } from '../../src/lib/server/auth/origin';
import { isLocale } from '../../src/lib/i18n';
import {
	clientEventSchemas,
	type ClientEventPayloads,
	type ClientEventResults
} from '../../src/lib/shared/events';
import { can } from '../../src/lib/shared/permissions';
import {
	userRoom,
	sessionRoom,
	tokenRoom,
	committeeRoom,
	staffRoom
} from '../../src/lib/shared/rooms';
import { RateLimits } from './rate-limit';
import { slimRequest } from './slim';
import type { YitingServer, YitingSocket } from './types';
import { PresenceRegistry } from './presence';
import { createDispatcher } from './dispatch';
import { leaveAllCommittees, leaveAllHalls, socketHandlers } from './handlers';

/** Largest event accepted, in bytes; engine.io closes connections sending more. */
export const MAX_EVENT_BYTES = 64 * 1024;

export interface SocketDeps {
	db: Db;
	logger: Logger;
	origins: string[];
}

export function createSocketServer(deps: SocketDeps) {
	const { db, logger, origins } = deps;
	const log = logger.child({ part: 'socket' });

	const authFromRequest = (req: Pick<IncomingMessage, 'headers'>) =>
		authenticate(db, { cookie: req.headers.cookie, authorization: req.headers.authorization });

	const engine = new Engine({
		maxHttpBufferSize: MAX_EVENT_BYTES,
		// Origin allowlist and session, before any event can be exchanged.
		allowRequest: (req, cb) => {
			if (!websocketOriginOk(req.headers, isEncrypted(req), origins))
				return cb('origin not allowed', false);
			const ok = !!authFromRequest(req);
			cb(ok ? null : 'unauthorized', ok);
		}
	});
	const io: YitingServer = new Server({ serveClient: false });
	io.bind(engine);
	engine.on('connection', (conn: { request: unknown }) => {
		conn.request = slimRequest(conn.request as IncomingMessage);
	});

	// Per connection and per person: more connections do not buy more events.
	const limits = new RateLimits();
	io.use((socket, next) => {
		const auth = authFromRequest(socket.handshake);
		if (!auth) return next(new Error('unauthorized'));
		socket.data = {
			userId: auth.user.id,
			sessionId: auth.session?.id ?? null,
			displayName: auth.user.displayName,
			locale: isLocale(auth.user.locale) ? auth.user.locale : 'zh-CN',
			actor: loadActor(db, auth.user.id),
			bucket: limits.forConnection(auth.user.id),
			committees: new Set(),
			halls: new Set()
		};
		// Rooms to find a person's connections when their session or roles change, and the rooms
		// of their committees: public updates go to `committee:<id>`, private ones to `staff:<id>`.
		void socket.join(userRoom(auth.user.id));
		if (auth.session) void socket.join(sessionRoom(auth.session.id));
		if (auth.tokenId) void socket.join(tokenRoom(auth.tokenId));
		for (const committeeId of new Set(socket.data.actor.roles.map((r) => r.committeeId))) {
			void socket.join(committeeRoom(committeeId));
			if (can(socket.data.actor, 'need.viewPrivate', { committeeId }))
				void socket.join(staffRoom(committeeId));
		}
		next();
	});

	const presence = new PresenceRegistry();
	const dispatch = createDispatcher<YitingSocket, ClientEventPayloads, ClientEventResults>(
		clientEventSchemas,
		socketHandlers({ db, io, presence }),
		{ log }
	);

	io.on('connection', (socket) => {
		socket.onAny((event: string, ...args: unknown[]) => dispatch(socket, event, args));
		socket.on('disconnect', () => {
			leaveAllHalls(db, socket);
			leaveAllCommittees(io, presence, socket);
		});
	});

	return { engine, io };
}
