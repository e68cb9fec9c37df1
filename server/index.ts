/**
 * Yiting's production process: migrate the database, seed the demo on first start, serve the
 * built SvelteKit app, socket.io and the Yjs server on one port, and shut down gracefully.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { config } from '../src/lib/server/config';
import { closeDb, getDb } from '../src/lib/server/db';
import { logger } from '../src/lib/server/platform/log';
import { backfillTitlePinyin } from '../src/lib/server/needs/search-index';
import { demoInviteCodes, DEMO_PASSWORD, isEmpty, seedDemo } from '../src/lib/server/seed';
import { createAppServer, PROTOCOL_HEADER, type NodeHandler } from './app';

const port = Number(process.env.PORT || 3000);
const host = process.env.HOST || '0.0.0.0';

const db = getDb();
// Pinyin keys are computed in JavaScript, so a migration cannot fill them for needs stored before.
backfillTitlePinyin(db);
if (config.seedDemo && isEmpty(db)) {
	const signIns = await seedDemo(db);
	logger.info({ accounts: signIns.length }, 'seeded the demo committee');
	const lines = [
		'',
		'  Yiting demo committee (和平街道大工委) — every password is ' + DEMO_PASSWORD,
		'  ' +
			[
				'admin',
				'chair',
				'recorder',
				'supervisor',
				'member1…member8',
				'liaison1…liaison8',
				'resident1…resident20'
			].join(', '),
		'  Resident invite codes: ' +
			demoInviteCodes()
				.map((c) => `${c.code} (${c.community})`)
				.join(', '),
		''
	];
	process.stdout.write(lines.join('\n') + '\n');
}

// Without ORIGIN, adapter-node takes the protocol from this header, which app.ts sets per request.
process.env.PROTOCOL_HEADER ||= PROTOCOL_HEADER;
// Forms carry up to six 5 MB photos; JSON API bodies have their own 64 KiB limit.
process.env.BODY_SIZE_LIMIT ||= '32M';
const buildHandler = path.resolve(process.env.BUILD_DIR || 'build', 'handler.js');
// Imported at run time: the build is produced after this file is written.
const { handler } = (await import(pathToFileURL(buildHandler).href)) as { handler: NodeHandler };

const app = createAppServer({
	db,
	logger,
	origins: config.origins,
	handler,
	metricsToken: config.metricsToken
});
app.server.listen(port, host, () => {
	logger.info(
		{ port, host },
		`Yiting is serving on http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`
	);
});

let stopping = false;
async function shutdown(signal: string) {
	if (stopping) return;
	stopping = true;
	logger.info({ signal }, 'shutting down');
	const force = setTimeout(() => {
		logger.error('shutdown took longer than 10 s; exiting');
		process.exit(1);
	}, 10_000);
	force.unref();
	try {
		await app.close();
		closeDb();
		logger.info('stopped');
		process.exit(0);
	} catch (err) {
		logger.error({ err }, 'shutdown failed');
		process.exit(1);
	}
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
