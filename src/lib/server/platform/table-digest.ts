/**
 * Every table's row count and a checksum of its content, to tell that two databases hold the
 * same data (a backup and its restore). Rows are read in a fixed order (all columns), so the
 * checksum does not depend on how pages happen to be laid out.
 */
import type Database from 'better-sqlite3';
import { createHash } from 'node:crypto';

export type TableDigests = Record<string, { rows: number; sha256: string }>;

function cell(value: unknown): unknown {
	if (Buffer.isBuffer(value)) return { hex: value.toString('hex') };
	if (typeof value === 'bigint') return value.toString();
	return value;
}

export function tableDigests(db: Database.Database): TableDigests {
	const tables = db
		.prepare(
			"SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
		)
		.pluck()
		.all() as string[];
	const out: TableDigests = {};
	for (const name of tables) {
		const quoted = `"${name.replaceAll('"', '""')}"`;
		const columns = (db.prepare(`SELECT * FROM ${quoted} LIMIT 0`).columns() ?? []).length;
		const order = Array.from({ length: columns }, (_, i) => i + 1).join(', ');
		const hash = createHash('sha256');
		let rows = 0;
		for (const row of db
			.prepare(`SELECT * FROM ${quoted} ORDER BY ${order}`)
			.raw()
			.iterate() as Iterable<unknown[]>) {
			hash.update(JSON.stringify(row.map(cell)) + '\n');
			rows++;
		}
		out[name] = { rows, sha256: hash.digest('hex') };
	}
	return out;
}
