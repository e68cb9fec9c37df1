/** The dev server's realtime layer: open (and on first start seed) the database, then attach. */
import type { Server } from 'node:http';
import { config } from '../src/lib/server/config';
import { getDb } from '../src/lib/server/db';
import { logger } from '../src/lib/server/platform/log';
import { isEmpty, seedDemo } from '../src/lib/server/seed';
import { attachRealtime } from './realtime';

export async function startDevRealtime(server: Server) {
	const db = getDb();
	if (config.seedDemo && isEmpty(db)) await seedDemo(db);
	return attachRealtime(server, { db, logger, origins: config.origins, dev: true });
}
