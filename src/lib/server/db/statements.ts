/**
 * Statements prepared once per connection, for the hot paths (a cast, an audit append) where
 * drizzle building the SQL and better-sqlite3 preparing it cost more than running it. The SQL is
 * written out here, so a caller encodes values as drizzle would: dates as milliseconds, JSON as
 * text, booleans as 0/1.
 */
import type Database from 'better-sqlite3';
import type { DbLike } from '.';

const prepared = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/**
 * The connection under a database or any transaction on it (drizzle keeps one session for
 * both): the key for per-database caches.
 */
export function connectionOf(db: DbLike): Database.Database {
	return (db as unknown as { session: { client: Database.Database } }).session.client;
}

/** `sql` prepared on `db`'s connection, once; usable inside any transaction on it. */
export function statement(db: DbLike, sql: string): Database.Statement {
	const client = connectionOf(db);
	let mine = prepared.get(client);
	if (!mine) prepared.set(client, (mine = new Map()));
	let s = mine.get(sql);
	if (!s) mine.set(sql, (s = client.prepare(sql)));
	return s;
}
