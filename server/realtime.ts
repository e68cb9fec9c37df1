/**
 * Attach Yiting's realtime layer — socket.io and the Yjs document server — to an http.Server:
 * the production server (server/app.ts) and Vite's dev server (server/vite-plugin.ts) alike.
 */
import type { IncomingMessage, Server as HttpServer, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { Db } from '../src/lib/server/db';
import { endedSessions } from '../src/lib/server/auth/session';
import { docAccessResolver } from '../src/lib/server/docs/access';
import { meetingDocKinds } from '../src/lib/server/meetings/docs';
import { minutesDocKinds } from '../src/lib/server/minutes/docs';
import { orgDocKinds } from '../src/lib/server/org/docs';
import { sendAgenda } from '../src/lib/server/hall/outbox';
import { setHub, type Hub } from '../src/lib/server/platform/hub';
import { registerRealtimeSource } from '../src/lib/server/platform/metrics';
import { YJS_CLOSE } from '../src/lib/shared/events';
import { createSocketServer } from './socket';
import { createUpgradeRouter } from './upgrade';
import { YjsServer, type YjsServerOptions } from './yjs/server';
import { hallRoom, sessionRoom, tokenRoom, userRoom } from '../src/lib/shared/rooms';

export interface RealtimeDeps {
	db: Db;
	logger: Logger;
	origins: string[];
	dev?: boolean;
	yjs?: Partial<YjsServerOptions>;
	/** How often open connections' sessions are checked for expiry (default 30 s). */
	sessionSweepMs?: number;
}

export interface Realtime {
	/** Handles socket.io's HTTP long-polling requests; returns false for other requests. */
	handleRequest(req: IncomingMessage, res: ServerResponse): boolean;
	yjs: YjsServer;
	close(): Promise<void>;
}

export function attachRealtime(server: HttpServer, deps: RealtimeDeps): Realtime {
	const { engine, io } = createSocketServer(deps);
	const yjs = new YjsServer({
		db: deps.db,
		logger: deps.logger,
		onChange: sendAgenda,
		...deps.yjs
	});
	// Each domain declares its shared documents and who may open them.
	const docAccess = docAccessResolver([...orgDocKinds, ...meetingDocKinds, ...minutesDocKinds]);
	const onUpgrade = createUpgradeRouter({
		db: deps.db,
		engine,
		yjs,
		docAccess,
		origins: deps.origins,
		dev: !!deps.dev
	});
	server.on('upgrade', onUpgrade);

	const hub: Hub = {
		emit: (room, event, ...args) => io.to(room).emit(event, ...args),
		sessionRevoked(sessionId) {
			io.to(sessionRoom(sessionId)).emit('session:ended', { reason: 'logout' });
			io.in(sessionRoom(sessionId)).disconnectSockets(true);
			yjs.closeWhere((c) => c.sessionId === sessionId, YJS_CLOSE.unauthorized, 'session ended');
		},
		changeDoc: (name, fn) => yjs.change(name, fn),
		docAccessChanged(name) {
			const shared = yjs.docs.get(name);
			if (shared)
				for (const conn of shared.conns.values())
					conn.ws.close(YJS_CLOSE.accessChanged, 'access changed');
		},
		tokenRevoked(tokenId) {
			io.in(tokenRoom(tokenId)).disconnectSockets(true);
			yjs.closeWhere((c) => c.tokenId === tokenId, YJS_CLOSE.unauthorized, 'token revoked');
		},
		userRevoked(userId) {
			io.in(userRoom(userId)).disconnectSockets(true);
			yjs.closeWhere((c) => c.userId === userId, YJS_CLOSE.unauthorized, 'roles changed');
		}
	};
	setHub(hub);
	const stopMetrics = registerRealtimeSource({
		socketConnections: () => io.of('/').sockets.size,
		yjsConnections: () => yjs.connectionCount,
		hallsLive: () =>
			[...io.of('/').adapter.rooms.keys()].filter((r) => r.startsWith(hallRoom(''))).length,
		documentsLoaded: () => yjs.docs.size
	});

	// Sessions also end by themselves (idle or absolute expiry): look over open connections
	// every half minute and close those whose session is gone, as if it had been revoked.
	const sweep = setInterval(() => {
		const ids = new Set<string>();
		for (const socket of io.of('/').sockets.values())
			if (socket.data.sessionId) ids.add(socket.data.sessionId);
		for (const shared of yjs.docs.values())
			for (const conn of shared.conns.values()) if (conn.sessionId) ids.add(conn.sessionId);
		for (const id of endedSessions(deps.db, [...ids])) hub.sessionRevoked(id);
	}, deps.sessionSweepMs ?? 30_000);
	sweep.unref();

	return {
		handleRequest(req, res) {
			if (!req.url?.startsWith('/socket.io/')) return false;
			engine.handleRequest(req, res);
			return true;
		},
		yjs,
		async close() {
			clearInterval(sweep);
			stopMetrics();
			server.off('upgrade', onUpgrade);
			setHub(undefined);
			yjs.close();
			await new Promise<void>((resolve) => void io.close(() => resolve()));
			engine.close();
		}
	};
}
