/**
 * Build Yiting's http.Server from its dependencies: the SvelteKit handler for pages and the
 * API, socket.io and the Yjs server for realtime. Never listens and never touches `process`,
 * so tests start it on port 0 and close it.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { Db } from '../src/lib/server/db';
import { jobKinds } from '../src/lib/server/jobs';
import { dropPendingCounts } from '../src/lib/server/votes/broadcast';
import {
	createScheduler,
	type Scheduler,
	type SchedulerOptions
} from '../src/lib/server/platform/scheduler';
import { observeHttp, serveMetrics } from '../src/lib/server/platform/metrics';
import { attachRealtime, type Realtime, type RealtimeDeps } from './realtime';

/** A Node request handler with a `next` for unhandled requests (adapter-node's `handler`). */
export type NodeHandler = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

/** The header adapter-node reads the protocol from (PROTOCOL_HEADER is set to it by server/index.ts). */
export const PROTOCOL_HEADER = 'x-yiting-proto';

export interface AppDeps {
	db: Db;
	logger: Logger;
	origins: string[];
	handler: NodeHandler;
	yjs?: RealtimeDeps['yjs'];
	sessionSweepMs?: number;
	/** The bearer token `GET /metrics` requires (METRICS_TOKEN); without one there is no such route. */
	metricsToken?: string;
	/** The scheduler's clock and timings (tests); it runs every kind in src/lib/server/jobs.ts. */
	scheduler?: Partial<Pick<SchedulerOptions, 'now' | 'pollMs' | 'backoffMs'>>;
}

export interface AppServer {
	server: http.Server;
	realtime: Realtime;
	scheduler: Scheduler;
	/** Stop accepting, close realtime connections (storing every document), then the server. */
	close(): Promise<void>;
}

export function createAppServer(deps: AppDeps): AppServer {
	const server = http.createServer();
	const realtime = attachRealtime(server, {
		db: deps.db,
		logger: deps.logger,
		origins: deps.origins,
		yjs: deps.yjs,
		sessionSweepMs: deps.sessionSweepMs
	});
	server.on('request', (req, res) => {
		observeHttp(req, res);
		if (serveMetrics(req, res, deps.metricsToken)) return;
		if (realtime.handleRequest(req, res)) return;
		// Tell adapter-node the real protocol (it assumes https without ORIGIN); always overwritten, never trusted from the client.
		req.headers[PROTOCOL_HEADER] =
			'encrypted' in req.socket && req.socket.encrypted ? 'https' : 'http';
		deps.handler(req, res, () => {
			res.statusCode = 404;
			res.end('Not Found');
		});
	});
	// Slow-loris protection: headers within 20 s, whole requests within 60 s.
	server.headersTimeout = 20_000;
	server.requestTimeout = 60_000;
	// Started here, after the database was migrated: jobs that fell due while the server was down run now.
	const scheduler = createScheduler({
		db: deps.db,
		logger: deps.logger,
		kinds: jobKinds,
		...deps.scheduler
	});
	scheduler.start();
	return {
		server,
		realtime,
		scheduler,
		async close() {
			scheduler.stop();
			const closed = new Promise<void>((resolve) => server.close(() => resolve()));
			await realtime.close();
			dropPendingCounts();
			server.closeAllConnections();
			await closed;
		}
	};
}
