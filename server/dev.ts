/** The dev server's realtime layer: open (and on first start seed) the database, then attach. */
import type { Server } from 'node:http';
import { config } from '../src/lib/server/config';
import { getDb } from '../src/lib/server/db';
import { logger } from '../src/lib/server/platform/log';
import { backfillTitlePinyin } from '../src/lib/server/needs/search-index';
import { isEmpty, seedDemo } from '../src/lib/server/seed';
import { attachRealtime } from './realtime';

export async function startDevRealtime(server: Server) {
	const db = getDb();
	// Pinyin keys are computed in JavaScript, so a migration cannot fill them for needs stored before.
	backfillTitlePinyin(db);
	if (config.seedDemo && isEmpty(db)) await seedDemo(db);
	return attachRealtime(server, { db, logger, origins: config.origins, dev: true });
}
