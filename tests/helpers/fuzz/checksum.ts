/**
 * A fingerprint of a database's tables, to show that refused input changed nothing: every row of
 * every table (but those named), read in one transaction from beside the running server (WAL).
 * `PRAGMA data_version` tells cheaply whether anyone committed since the last look.
 */
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';

export type Fingerprint = Map<string, string>;

/**
 * Columns any authenticated request may touch, refused or not: a session's last use (written at
 * most once a minute, for the person's list of devices) and its sliding expiry. Refused input
 * must change nothing else of a session.
 */
const TOUCHED: Record<string, readonly string[]> = { session: ['last_seen_at', 'expires_at'] };

function selectOf(db: Database.Database, table: string): string {
	const skip = TOUCHED[table];
	if (!skip) return `select * from "${table}"`;
	const cols = (db.prepare(`pragma table_info("${table}")`).all() as { name: string }[])
		.map((c) => c.name)
		.filter((c) => !skip.includes(c));
	return `select ${cols.map((c) => `"${c}"`).join(', ')} from "${table}"`;
}

export function fingerprint(db: Database.Database, except: readonly string[]): Fingerprint {
	const read = db.transaction(() => {
		const tables = (
			db
				.prepare(
					"select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name"
				)
				.all() as { name: string }[]
		).map((t) => t.name);
		const out: Fingerprint = new Map();
		for (const t of tables) {
			if (except.includes(t)) continue;
			const rows = (db.prepare(selectOf(db, t)).raw().all() as unknown[][]).map((r) =>
				JSON.stringify(r, (_k, v: unknown) =>
					Buffer.isBuffer(v) ? v.toString('base64') : typeof v === 'bigint' ? String(v) : v
				)
			);
			rows.sort();
			out.set(t, createHash('sha256').update(rows.join('\n')).digest('hex'));
		}
		return out;
	});
	return read();
}

/** The tables whose rows differ between two fingerprints (empty: the same). */
export function changedTables(a: Fingerprint, b: Fingerprint): string[] {
	const names = new Set([...a.keys(), ...b.keys()]);
	return [...names].filter((t) => a.get(t) !== b.get(t)).sort();
}

/** Increases whenever another connection commits to the database. */
export const dataVersion = (db: Database.Database) =>
	db.pragma('data_version', { simple: true }) as number;
