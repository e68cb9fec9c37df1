/**
 * In `npm run dev` (and `vite preview`), attach the same realtime layer to Vite's own server,
 * so socket.io and the Yjs endpoint behave in development as they do in production.
 */
import type { Plugin, PreviewServer, ViteDevServer } from 'vite';

export function yitingRealtime(): Plugin {
	const attach = async (server: ViteDevServer | PreviewServer) => {
		if (!server.httpServer) return;
		// Loaded lazily: the build never needs the database or the realtime modules.
		const { getDb } = await import('../src/lib/server/db');
		const { config } = await import('../src/lib/server/config');
		const { logger } = await import('../src/lib/server/log');
		const { isEmpty, seedDemo } = await import('../src/lib/server/seed');
		const { attachRealtime } = await import('./realtime');
		const db = getDb();
		if (config.seedDemo && isEmpty(db)) await seedDemo(db);
		const realtime = attachRealtime(server.httpServer as import('node:http').Server, {
			db,
			logger,
			origins: config.origins,
			dev: true
		});
		server.middlewares.use((req, res, next) => {
			if (!realtime.handleRequest(req, res)) next();
		});
	};
	return {
		name: 'yiting-realtime',
		configureServer: attach,
		configurePreviewServer: attach
	};
}
