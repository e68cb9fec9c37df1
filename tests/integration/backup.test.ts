/**
 * `npm run backup` while the real server runs and a Yjs client keeps writing, then
 * `npm run restore` into an empty directory: every table's row count and checksum match the
 * live database's (apart from the document being written), the document is a clean prefix of
 * what was written, uploads and the key come back, and a wrong key or a non-empty directory is
 * refused.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { eq } from 'drizzle-orm';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../../src/lib/server/db';
import { units } from '../../src/lib/server/db/schema';
import { readStoredDoc } from '../../src/lib/server/docs/store';
import { restore } from '../../src/lib/server/platform/backup';
import { tableDigests } from '../../src/lib/server/platform/table-digest';
import { signInCookie, startServerProcess, type ServerProcess } from '../helpers/process';
import { updateFrame } from '../helpers/raw-yjs-peer';

const run = promisify(execFile);
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'yiting-bk-'));

/** npm run <script> -- args, with DATA_DIR set; resolves with its output or rejects with it. */
async function npmRun(script: string, dataDir: string, args: string[]) {
	const env = { ...process.env, DATA_DIR: dataDir };
	return run('npm', ['run', '-s', script, '--', ...args], { env });
}

describe('backup and restore of a live server', () => {
	let p: ServerProcess;
	let archive: string;
	let docName: string;
	let written = 0;

	beforeAll(async () => {
		p = await startServerProcess();
		fs.mkdirSync(path.join(p.dataDir, 'uploads'), { recursive: true });
		fs.writeFileSync(path.join(p.dataDir, 'uploads', 'a1b2c3.pdf'), randomBytes(70_000));
		archive = path.join(tmp(), 'yiting.tar');
	}, 60_000);
	afterAll(async () => {
		await p?.stop();
	});

	it('round-trips every table while a client keeps writing', async () => {
		const probe = openDb(path.join(p.dataDir, 'yiting.db'));
		const unit = probe.select().from(units).where(eq(units.name, '区城市管理局')).get()!;
		docName = `unit/${unit.id}/duties`;
		const ws = new WebSocket(`${p.url.replace('http', 'ws')}/yjs/${docName}`, {
			headers: { cookie: await signInCookie(p.url, 'admin'), origin: p.url }
		});
		await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
		const doc = new Y.Doc();
		doc.on('update', (u: Uint8Array, origin) => origin !== 'server' && ws.send(updateFrame(u)));
		const log = doc.getArray<number>('backup-test');
		// One edit every few milliseconds, each its own stored update, for as long as the backup runs.
		let writing = true;
		const writer = (async () => {
			while (writing) {
				log.push([written++]);
				await new Promise((r) => setTimeout(r, 3));
			}
		})();
		while (written < 50) await new Promise((r) => setTimeout(r, 10));
		const before = written;
		const { stdout } = await npmRun('backup', p.dataDir, [archive]);
		const after = written;
		writing = false;
		await writer;
		ws.close();
		expect(stdout).toMatch(/74 tables|\d+ tables/);
		expect(after).toBeGreaterThan(before);

		const target = path.join(tmp(), 'data');
		const keyFile = path.join(p.dataDir, 'keys', 'data.key');
		const out = await npmRun('restore', target, [archive, '--key-file', keyFile]);
		expect(out.stdout).toMatch(/rows verified, 1 uploaded files/);

		// Every table as in the live database, except the one document being written meanwhile.
		await new Promise((r) => setTimeout(r, 300));
		const live = tableDigests(probe.$client);
		probe.$client.close();
		const restoredDb = new Database(path.join(target, 'yiting.db'), { readonly: true });
		const restored = tableDigests(restoredDb);
		restoredDb.close();
		expect(Object.keys(restored)).toEqual(Object.keys(live));
		const differing = Object.keys(live).filter(
			(t) => JSON.stringify(live[t]) !== JSON.stringify(restored[t])
		);
		expect(differing.every((t) => t.startsWith('doc'))).toBe(true);
		expect(Object.values(restored).reduce((n, t) => n + t.rows, 0)).toBeGreaterThan(1000);

		// The document is whole at one moment: the first k edits, in order, nothing torn.
		const copy = readStoredDoc(openDb(path.join(target, 'yiting.db')), docName);
		const items = copy.getArray<number>('backup-test').toArray();
		expect(items.length).toBeGreaterThanOrEqual(before);
		expect(items.length).toBeLessThanOrEqual(after);
		expect(items).toEqual(items.map((_, i) => i));

		expect(fs.readFileSync(path.join(target, 'uploads', 'a1b2c3.pdf'))).toEqual(
			fs.readFileSync(path.join(p.dataDir, 'uploads', 'a1b2c3.pdf'))
		);
		expect(fs.readFileSync(path.join(target, 'keys', 'data.key'), 'utf8')).toBe(
			fs.readFileSync(keyFile, 'utf8')
		);
		expect(fs.statSync(path.join(target, 'keys', 'data.key')).mode & 0o777).toBe(0o600);
	}, 90_000);

	it('refuses a non-empty directory, a missing key and a wrong key', () => {
		const busy = tmp();
		fs.writeFileSync(path.join(busy, 'something'), '');
		const keyFile = path.join(p.dataDir, 'keys', 'data.key');
		expect(() => restore({ file: archive, dataDir: busy, keyFile })).toThrow(/not empty/);
		expect(() => restore({ file: archive, dataDir: tmp(), env: {} })).toThrow(/data key/);
		const wrong = { YITING_DATA_KEY: randomBytes(32).toString('base64') };
		expect(() => restore({ file: archive, dataDir: tmp(), env: wrong })).toThrow(/not the one/);
		// The right key from the environment restores without writing a key file.
		const viaEnv = tmp();
		const env = { YITING_DATA_KEY: fs.readFileSync(keyFile, 'utf8').trim() };
		restore({ file: archive, dataDir: viaEnv, env });
		expect(fs.existsSync(path.join(viaEnv, 'keys'))).toBe(false);
	});
});
