/**
 * `npm run restore -- <file> [--key-file <data.key>]`: restore a backup into DATA_DIR, which
 * must be empty. The data key (from --key-file, installed into DATA_DIR/keys, or from
 * YITING_DATA_KEY) must be the one the backup was made with.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { config } from '../src/lib/server/config';
import { restore } from '../src/lib/server/platform/backup';

const { values, positionals } = parseArgs({
	allowPositionals: true,
	options: { 'key-file': { type: 'string' } }
});
const file = positionals[0];
if (!file || positionals.length > 1) {
	console.error('usage: npm run restore -- <file.tar> [--key-file <data.key>]');
	process.exit(2);
}
try {
	const keyFile = values['key-file'] ? path.resolve(values['key-file']) : undefined;
	const m = restore({ file: path.resolve(file), dataDir: config.dataDir, keyFile });
	const rows = Object.values(m.tables).reduce((n, t) => n + t.rows, 0);
	console.log(
		`restored ${file} (made ${m.createdAt}) into ${config.dataDir}: ` +
			`${Object.keys(m.tables).length} tables and ${rows} rows verified, ${m.uploads} uploaded files`
	);
} catch (err) {
	console.error(`restore failed: ${err instanceof Error ? err.message : String(err)}`);
	process.exit(1);
}
