/**
 * `npm run backup -- <file>`: a consistent backup of DATA_DIR (the database, uploads and the
 * data key's fingerprint, never the key) into one tar file, safe while the server runs.
 */
import path from 'node:path';
import { config } from '../src/lib/server/config';
import { backup } from '../src/lib/server/platform/backup';

const file = process.argv[2];
if (!file) {
	console.error('usage: npm run backup -- <file.tar>');
	process.exit(2);
}
try {
	const m = await backup({ dataDir: config.dataDir, file: path.resolve(file) });
	const rows = Object.values(m.tables).reduce((n, t) => n + t.rows, 0);
	console.log(
		`${file}: ${Object.keys(m.tables).length} tables, ${rows} rows, ${m.uploads} uploaded files; ` +
			(m.keyFingerprint
				? `needs the data key ${m.keyFingerprint.slice(0, 16)}… to restore (keep it apart)`
				: 'no data key yet')
	);
} catch (err) {
	console.error(`backup failed: ${err instanceof Error ? err.message : String(err)}`);
	process.exit(1);
}
