/**
 * In `npm run dev`, attach the same realtime layer (socket.io and the Yjs server) to Vite's own
 * http server, so development behaves like production. The realtime modules are loaded through
 * Vite's SSR module graph: the same instances SvelteKit's server code uses, TypeScript included.
 */
import type { Plugin, ViteDevServer } from 'vite';

export function yitingRealtime(): Plugin {
	return {
		name: 'yiting-realtime',
		async configureServer(server: ViteDevServer) {
			if (!server.httpServer) return;
			const load = <T>(id: string) => server.ssrLoadModule(id) as Promise<T>;
			const { startDevRealtime } = await load<typeof import('./dev')>('/server/dev.ts');
			const realtime = await startDevRealtime(server.httpServer as import('node:http').Server);
			server.middlewares.use((req, res, next) => {
				if (!realtime.handleRequest(req, res)) next();
			});
		}
	};
}
