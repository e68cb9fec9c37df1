/**
 * `npm run db:reindex`: rebuild the needs search indexes of the database in DATA_DIR (see
 * src/lib/server/needs/search-index.ts for when). Run it with the server stopped.
 */
import path from 'node:path';
import { config } from '../src/lib/server/config';
import { openDb } from '../src/lib/server/db';
import { backfillTitlePinyin, reindexNeedSearch } from '../src/lib/server/needs/search-index';

const file = path.join(config.dataDir, 'yiting.db');
const db = openDb(file);
const started = Date.now();
backfillTitlePinyin(db);
const n = reindexNeedSearch(db);
db.$client.close();
console.log(`Rebuilt the search indexes of ${n} needs in ${file} (${Date.now() - started} ms).`);
