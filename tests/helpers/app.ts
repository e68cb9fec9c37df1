/**
 * Start Yiting's realtime server in this process on port 0 with a fresh database (real
 * migrations, demo data) and a stub page handler. For tests of socket.io and the Yjs endpoint.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { eq } from 'drizzle-orm';
import { openDb, type Db } from '../../src/lib/server/db';
import { seedDemo } from '../../src/lib/server/seed';
import { createSession, generateToken, SESSION_COOKIE } from '../../src/lib/server/auth/session';
import { users } from '../../src/lib/server/db/schema';
import { createAppServer, type AppDeps, type AppServer } from '../../server/app';
import type { YjsServerOptions } from '../../server/yjs/server';

export interface TestApp {
	url: string;
	wsUrl: string;
	origin: string;
	db: Db;
	dataDir: string;
	app: AppServer;
	/** A session cookie header for a demo account (`admin`, `resident1`, …). */
	cookie(login: string): string;
	userId(login: string): string;
	close(): Promise<void>;
}

export async function startApp(
	opts: {
		yjs?: Partial<YjsServerOptions>;
		dataDir?: string;
		seed?: boolean;
		sessionSweepMs?: number;
		scheduler?: AppDeps['scheduler'];
		/** ORIGIN / ALLOWED_ORIGINS as the server would read them (default: none, same host only). */
		origins?: string[];
		metricsToken?: string;
	} = {}
): Promise<TestApp> {
	const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'yiting-test-'));
	const db = openDb(path.join(dataDir, 'yiting.db'));
	const logger = pino({ level: process.env.TEST_LOG_LEVEL || 'silent' });
	const app = createAppServer({
		db,
		logger,
		origins: opts.origins ?? [],
		metricsToken: opts.metricsToken,
		yjs: opts.yjs,
		sessionSweepMs: opts.sessionSweepMs,
		scheduler: opts.scheduler,
		handler: (_req, res) => {
			res.statusCode = 404;
			res.end();
		}
	});
	// Seed through the running app, so documents the seed writes (agendas) go to this database.
	if (opts.seed !== false) await seedDemo(db);
	await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', resolve));
	const { port } = app.server.address() as AddressInfo;
	const userId = (login: string) => {
		const u = db.select().from(users).where(eq(users.login, login)).get();
		if (!u) throw new Error(`no demo user ${login}`);
		return u.id;
	};
	return {
		url: `http://127.0.0.1:${port}`,
		wsUrl: `ws://127.0.0.1:${port}`,
		origin: `http://127.0.0.1:${port}`,
		db,
		dataDir,
		app,
		userId,
		cookie(login) {
			const token = generateToken();
			createSession(db, token, userId(login));
			return `${SESSION_COOKIE}=${token}`;
		},
		async close() {
			await app.close();
			db.$client.close();
		}
	};
}
