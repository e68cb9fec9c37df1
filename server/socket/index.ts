/**
 * socket.io for meeting and committee events, on an engine.io server whose requests and
 * upgrades the router hands over (server/upgrade.ts). Every handler reads the same way:
 * validate → check permission → call the service → ack → broadcast.
 */
import { Server as Engine } from 'engine.io';
import type { IncomingMessage } from 'node:http';
import type { Logger } from 'pino';
import { Server } from 'socket.io';
import type { Db } from '../../src/lib/server/db';
import { authenticate, loadActor } from '../../src/lib/server/auth/session';
import { isEncrypted, websocketOriginOk } from '../../src/lib/server/auth/origin';
import { isLocale, translate, type MessageKey } from '../../src/lib/i18n';
import { clientEventSchemas, type ClientEventName } from '../../src/lib/shared/events';
import { can } from '../../src/lib/shared/permissions';
import type { ErrorCode, Result } from '../../src/lib/shared/result';
import { TokenBucket } from './rate-limit';
import { HandlerError, type HandlerTable, type YitingServer, type YitingSocket } from './types';
import { PresenceRegistry } from './presence';
import { presenceHandlers } from './presence-handlers';
import { hallHandlers, leaveAllHalls } from './hall-handlers';
import { AppError } from '../../src/lib/server/errors';
import { userRoom, sessionRoom, tokenRoom, committeeRoom, staffRoom } from '../../src/lib/shared/rooms';

/** Largest event accepted, in bytes; engine.io closes connections sending more. */
export const MAX_EVENT_BYTES = 64 * 1024;

export interface SocketDeps {
	db: Db;
	logger: Logger;
	origins: string[];
}

const KEYS: Record<ErrorCode, MessageKey> = {
	bad_request: 'err.badEvent',
	unauthorized: 'err.unauthorized',
	forbidden: 'err.forbidden',
	not_found: 'err.notFound',
	conflict: 'err.conflict',
	rate_limited: 'err.rateLimited',
	internal: 'err.internal'
};

export function createSocketServer(deps: SocketDeps) {
	const { db, logger, origins } = deps;
	const log = logger.child({ part: 'socket' });

	const authFromRequest = (req: IncomingMessage) =>
		authenticate(db, { cookie: req.headers.cookie, authorization: req.headers.authorization });

	const engine = new Engine({
		maxHttpBufferSize: MAX_EVENT_BYTES,
		// Origin allowlist and session, before any event can be exchanged.
		allowRequest: (req, cb) => {
			if (!websocketOriginOk(req.headers, isEncrypted(req), origins)) return cb('origin not allowed', false);
			const ok = !!authFromRequest(req);
			cb(ok ? null : 'unauthorized', ok);
		}
	});
	const io: YitingServer = new Server({ serveClient: false });
	io.bind(engine);

	io.use((socket, next) => {
		const auth = authFromRequest(socket.request);
		if (!auth) return next(new Error('unauthorized'));
		socket.data = {
			userId: auth.user.id,
			sessionId: auth.session?.id ?? null,
			displayName: auth.user.displayName,
			locale: isLocale(auth.user.locale) ? auth.user.locale : 'zh-CN',
			actor: loadActor(db, auth.user.id),
			bucket: new TokenBucket(40, 20),
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
			if (can(socket.data.actor, 'need.viewPrivate', { committeeId })) void socket.join(staffRoom(committeeId));
		}
		next();
	});

	const presence = new PresenceRegistry();
	const handlers = { ...presenceHandlers(io, presence), ...hallHandlers(db) } as HandlerTable;
	// Answers to recent events, so a retried event (same id) takes effect once. Kept for a
	// minute (a client retries for at most ~20 s: ackTimeout × retries) rather than by count, so a
	// busy hall cannot push a chair's retry out before it arrives.
	const recent = new Map<string, { at: number; result: unknown }>();
	const RECENT_MS = 60_000;
	const remember = (key: string, result: unknown) => {
		const now = Date.now();
		recent.set(key, { at: now, result });
		for (const [k, v] of recent) {
			if (now - v.at < RECENT_MS && recent.size <= 200_000) break;
			recent.delete(k);
		}
	};

	io.on('connection', (socket) => {
		socket.onAny((event: string, ...args: unknown[]) => {
			// Own keys only: `'toString' in clientEventSchemas` is true.
			if (Object.hasOwn(clientEventSchemas, event)) return;
			const ack = args.at(-1);
			// Unknown events cost a token too, so flooding them is throttled like any other.
			if (typeof ack === 'function') ack(failure(socket, socket.data.bucket.take() ? 'bad_request' : 'rate_limited'));
		});
		for (const event of Object.keys(clientEventSchemas) as ClientEventName[]) {
			socket.on(event, (...args: unknown[]) => {
				const ack = args.at(-1);
				if (typeof ack !== 'function') return; // every event is acknowledged; no ack, no action
				const reply = ack as (r: Result<unknown>) => void;
				if (!socket.data.bucket.take()) return reply(failure(socket, 'rate_limited'));
				// Exactly one payload, then the acknowledgement.
				const parsed = args.length === 2 ? clientEventSchemas[event].safeParse(args[0]) : null;
				if (!parsed?.success) return reply(failure(socket, 'bad_request'));
				// Presence and entering a hall act on the connection that sends them, so a retry on a new
				// connection after a drop must take effect there. Everything else is a person's action:
				// a retry (same id) from any of their connections takes effect once.
				const perConnection = event.startsWith('presence:') || event === 'hall:join' || event === 'hall:leave';
				const key = `${perConnection ? socket.id : socket.data.userId}:${event}:${parsed.data.id}`;
				// Entering and leaving a hall are safe to repeat and their answers are big: not remembered.
				const remembered = event !== 'hall:join' && event !== 'hall:leave';
				const seen = remembered ? recent.get(key) : undefined;
				if (seen) return reply(seen.result as Result<unknown>);
				let result: Result<unknown>;
				try {
					const value = (handlers[event] as (s: YitingSocket, p: unknown) => unknown)(socket, parsed.data);
					result = { ok: true, value };
				} catch (err) {
					if (err instanceof HandlerError || err instanceof AppError) result = failure(socket, err.code, err.key);
					else {
						log.error({ err, event }, 'socket handler failed');
						result = failure(socket, 'internal');
					}
				}
				if (remembered) remember(key, result);
				reply(result);
			});
		}
		socket.on('disconnect', () => {
			leaveAllHalls(db, socket);
			for (const committeeId of socket.data.committees) {
				if (presence.leave(committeeId, socket.data.userId, socket.id)) {
					io.to(committeeRoom(committeeId)).emit('presence:changed', { committeeId, online: presence.list(committeeId) });
				}
			}
		});
	});

	return { engine, io };
}

function failure(socket: YitingSocket, code: ErrorCode, key?: MessageKey): Result<never> {
	const locale = socket.data?.locale ?? 'zh-CN';
	return { ok: false, error: { code, message: translate(locale, key ?? KEYS[code]) } };
}
