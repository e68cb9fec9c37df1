/**
 * `npm run db:reindex`: rebuild the needs search indexes of the database in DATA_DIR (see
 * src/lib/server/db/reindex.ts for when). Run it with the server stopped.
 */
import path from 'node:path';
import { config } from '../src/lib/server/config';
import { openDb } from '../src/lib/server/db';
import { reindexNeedSearch } from '../src/lib/server/db/reindex';

const file = path.join(config.dataDir, 'yiting.db');
const db = openDb(file);
const started = Date.now();
const n = reindexNeedSearch(db);
db.$client.close();
console.log(`Rebuilt the search indexes of ${n} needs in ${file} (${Date.now() - started} ms).`);
