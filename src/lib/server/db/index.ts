/**
 * The database handle. SQLite (better-sqlite3) in WAL mode with foreign keys on, at
 * `$DATA_DIR/yiting.db`, migrated on first use.
 *
 * The custom server (server/, run by tsx) and the SvelteKit bundle (build/) load this module as
 * two instances, so the handle lives on globalThis: one connection per process.
 */
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import fs from 'node:fs';
import path from 'node:path';
import { config } from '../config';
import * as schema from './schema';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };
/** The database or a transaction on it: what verbs that may run inside a transaction accept. */
export type DbLike = BaseSQLiteDatabase<'sync', Database.RunResult, typeof schema>;

const KEY = Symbol.for('yiting.db');
type G = typeof globalThis & { [KEY]?: Db };

/** Open a database file with Yiting's pragmas and apply pending migrations. */
export function openDb(file: string): Db {
	fs.mkdirSync(path.dirname(file), { recursive: true });
	const sqlite = new Database(file);
	sqlite.pragma('journal_mode = WAL');
	// FULL: an acknowledged write survives power loss, not only a process crash.
	sqlite.pragma('synchronous = FULL');
	sqlite.pragma('foreign_keys = ON');
	sqlite.pragma('busy_timeout = 5000');
	const db = drizzle(sqlite, { schema }) as Db;
	migrate(db, { migrationsFolder: path.resolve(process.env.MIGRATIONS_DIR || 'migrations') });
	return db;
}

/** The process-wide database, opened on first use. */
export function getDb(): Db {
	const g = globalThis as G;
	return (g[KEY] ??= openDb(path.join(config.dataDir, 'yiting.db')));
}

/** Close the process-wide database (graceful shutdown). */
export function closeDb(): void {
	const g = globalThis as G;
	if (g[KEY]) {
		g[KEY].$client.close();
		delete g[KEY];
	}
}

export { schema };
