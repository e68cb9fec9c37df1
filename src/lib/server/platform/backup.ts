/**
 * Backups of a Yiting data directory while the server runs, and restores into an empty one.
 *
 * One tar file holds `manifest.json` (the data key's fingerprint, every table's row count and
 * checksum), `yiting.db` (a consistent copy made with SQLite's online backup, which restarts
 * when a write lands mid-copy) and `uploads/`. The database is copied before the uploads: files
 * are written before the rows that point to them, so every file the copy names is in the archive.
 * The data key itself is never archived — a backup is only as secret as the key kept apart from it.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { keyFingerprint, parseKey } from '../crypto/pii';
import { tableDigests, type TableDigests } from './table-digest';
import { extractEntry, listTar, readEntry, TarWriter } from './tar';

export interface Manifest {
	format: 'yiting-backup';
	version: 1;
	createdAt: string;
	/** Fingerprint of the data key residents' personal data is sealed with (null: no key yet). */
	keyFingerprint: string | null;
	tables: TableDigests;
	uploads: number;
}

const DB_FILE = 'yiting.db';
const KEY_FILE = path.join('keys', 'data.key');

/** The current data key as the server would find it (without generating one), or null. */
function currentKey(dataDir: string, env: NodeJS.ProcessEnv): Buffer | null {
	if (env.YITING_DATA_KEY) return parseKey(env.YITING_DATA_KEY, 'YITING_DATA_KEY');
	const file = path.join(dataDir, KEY_FILE);
	return fs.existsSync(file) ? parseKey(fs.readFileSync(file, 'utf8'), file) : null;
}

function uploadFiles(dataDir: string): string[] {
	const dir = path.join(dataDir, 'uploads');
	if (!fs.existsSync(dir)) return [];
	return fs
		.readdirSync(dir, { withFileTypes: true })
		.filter((e) => e.isFile())
		.map((e) => e.name)
		.sort();
}

/** Check a database file whole and digest its tables. */
function verifiedDigests(file: string): TableDigests {
	const db = new Database(file, { readonly: true, fileMustExist: true });
	try {
		const check = db.pragma('integrity_check', { simple: true });
		if (check !== 'ok') throw new Error(`the database copy is damaged: ${String(check)}`);
		return tableDigests(db);
	} finally {
		db.close();
	}
}

/** Write a backup of `dataDir` to `file` (which must not exist yet). */
export async function backup(opts: {
	dataDir: string;
	file: string;
	env?: NodeJS.ProcessEnv;
}): Promise<Manifest> {
	const source = path.join(opts.dataDir, DB_FILE);
	if (!fs.existsSync(source)) throw new Error(`no database at ${source}`);
	if (fs.existsSync(opts.file)) throw new Error(`${opts.file} exists already`);
	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'yiting-backup-'));
	const partial = `${opts.file}.partial`;
	try {
		const copy = path.join(tmp, DB_FILE);
		const live = new Database(source, { fileMustExist: true });
		try {
			live.pragma('busy_timeout = 5000');
			await live.backup(copy);
		} finally {
			live.close();
		}
		const key = currentKey(opts.dataDir, opts.env ?? process.env);
		const uploads = uploadFiles(opts.dataDir);
		const manifest: Manifest = {
			format: 'yiting-backup',
			version: 1,
			createdAt: new Date().toISOString(),
			keyFingerprint: key ? keyFingerprint(key) : null,
			tables: verifiedDigests(copy),
			uploads: uploads.length
		};
		const tar = new TarWriter(partial);
		tar.addBuffer('manifest.json', Buffer.from(JSON.stringify(manifest, null, 2) + '\n'));
		tar.addFile(DB_FILE, copy);
		for (const name of uploads)
			tar.addFile(`uploads/${name}`, path.join(opts.dataDir, 'uploads', name));
		tar.close();
		// Complete or absent: a crash mid-write leaves only the .partial file.
		fs.renameSync(partial, opts.file);
		return manifest;
	} finally {
		fs.rmSync(tmp, { recursive: true, force: true });
		fs.rmSync(partial, { force: true });
	}
}

/** Where an archived name may go: the database and flat upload files, nothing else. */
function destination(name: string): string | null {
	if (name === DB_FILE) return DB_FILE;
	const m = /^uploads\/([A-Za-z0-9._-]+)$/.exec(name);
	return m && !m[1]!.startsWith('.') ? path.join('uploads', m[1]!) : null;
}

function readManifest(file: string): Manifest {
	const entry = listTar(file).find((e) => e.name === 'manifest.json');
	if (!entry) throw new Error(`${file} is not a Yiting backup (no manifest.json)`);
	const manifest = JSON.parse(readEntry(file, entry).toString('utf8')) as Manifest;
	if (manifest.format !== 'yiting-backup' || manifest.version !== 1)
		throw new Error(`${file}: unknown backup format`);
	return manifest;
}

/** The key the restored server will use, checked against the backup's fingerprint. */
function checkKey(manifest: Manifest, keyFile: string | undefined, env: NodeJS.ProcessEnv) {
	const key = keyFile
		? parseKey(fs.readFileSync(keyFile, 'utf8'), keyFile)
		: env.YITING_DATA_KEY
			? parseKey(env.YITING_DATA_KEY, 'YITING_DATA_KEY')
			: null;
	if (!manifest.keyFingerprint) return key;
	if (!key)
		throw new Error(
			`this backup's personal data is sealed with the data key ${manifest.keyFingerprint.slice(0, 16)}…: ` +
				'give it with --key-file <file> or YITING_DATA_KEY'
		);
	if (keyFingerprint(key) !== manifest.keyFingerprint)
		throw new Error(
			`the data key given (${keyFingerprint(key).slice(0, 16)}…) is not the one this backup needs ` +
				`(${manifest.keyFingerprint.slice(0, 16)}…)`
		);
	return key;
}

/**
 * Restore `file` into `dataDir`, which must be empty or absent. With `keyFile`, that key is
 * installed as the data directory's key file; with YITING_DATA_KEY set, it is only checked.
 */
export function restore(opts: {
	file: string;
	dataDir: string;
	keyFile?: string;
	env?: NodeJS.ProcessEnv;
}): Manifest {
	if (fs.existsSync(opts.dataDir) && fs.readdirSync(opts.dataDir).length > 0)
		throw new Error(`${opts.dataDir} is not empty: restore only into an empty data directory`);
	const manifest = readManifest(opts.file);
	const key = checkKey(manifest, opts.keyFile, opts.env ?? process.env);
	fs.mkdirSync(path.join(opts.dataDir, 'uploads'), { recursive: true });
	for (const entry of listTar(opts.file)) {
		if (entry.name === 'manifest.json') continue;
		const dest = destination(entry.name);
		if (!dest) throw new Error(`unexpected entry in backup: ${entry.name}`);
		extractEntry(opts.file, entry, path.join(opts.dataDir, dest));
	}
	if (opts.keyFile && key) {
		fs.mkdirSync(path.join(opts.dataDir, 'keys'), { mode: 0o700 });
		fs.writeFileSync(path.join(opts.dataDir, KEY_FILE), key.toString('base64') + '\n', {
			mode: 0o600,
			flag: 'wx'
		});
	}
	const restored = verifiedDigests(path.join(opts.dataDir, DB_FILE));
	if (JSON.stringify(restored) !== JSON.stringify(manifest.tables))
		throw new Error('the restored database does not match the backup manifest');
	return manifest;
}
