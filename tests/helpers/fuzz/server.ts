/**
 * The fuzz runs' shared ground (promise 16, abuse is contained): the real server process on a
 * fresh database, sessions for four demo accounts, a writable and a read-only document, and the
 * checks every run ends with — the server still serves, syncs, keeps presence, leaves the
 * read-only document byte-for-byte unchanged, and logged no failure.
 *
 * Generated with fast-check from a fixed seed, so a failing frame can be replayed.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import * as Y from 'yjs';
import { expect } from 'vitest';
import { io as ioClient, type Socket } from 'socket.io-client';
import { startServerProcess, type ServerProcess } from '../process';
import { connectDoc, waitFor } from '../yjs-client';
import { generateToken, hashToken, SESSION_COOKIE } from '../../../src/lib/server/auth/session';
import type { Result } from '../../../src/lib/shared/result';
import { DUTIES_TEXT } from '../../../src/lib/shared/doc-names';

export const SEED = 20_240_601;
/**
 * How many generated inputs the four fuzz files send together, and how they share them. By
 * default (CI) 8,000 — 2,000 socket.io events, 600 raw packets, 2,400 Yjs frames and 3,000 API
 * requests — each file within a time budget (a loaded machine does fewer, never less than its
 * minimum). YITING_FUZZ=100000 (say) is a full run: every share grows in proportion, there is no
 * time budget, and every generated input is sent.
 */
const SHARES = { events: 2000, packets: 600, frames: 2400, requests: 3000 } as const;
const DEFAULT_TOTAL = Object.values(SHARES).reduce((a, b) => a + b, 0);
export const FULL = Number(process.env.YITING_FUZZ) > 0;
export const SCALE = FULL ? Number(process.env.YITING_FUZZ) / DEFAULT_TOTAL : 1;
export const share = (part: keyof typeof SHARES) => Math.round(SHARES[part] * SCALE);
/** A file's time budget in CI; none in a full run. */
export const budget = (ms: number) => (FULL ? Infinity : ms);
export const BARRIER_MS = 5000;
/** Each fuzz test's own limit. */
export const FUZZ_TIMEOUT_MS = FULL ? 3_600_000 : 60_000;

export type Login = 'admin' | 'resident1' | 'chair' | 'member1';

export interface FuzzServer {
	p: ServerProcess;
	wsUrl: string;
	cookies: Record<Login, string>;
	/**
	 * Sessions of sixteen members and liaisons, for the socket fuzz to take turns with: each
	 * person has one event budget across their connections, and the fuzz stays under it so that
	 * validation, not the limiter, answers.
	 */
	fuzzers: string[];
	committeeId: string;
	writerDoc: string;
	readOnlyDoc: string;
}

export async function startFuzzServer(): Promise<FuzzServer> {
	// On tmpfs when there is one: fuzzing is about input handling, and fsyncs would only slow it.
	const base = fs.existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir();
	const p = await startServerProcess({ dataDir: fs.mkdtempSync(path.join(base, 'yiting-fuzz-')) });
	const wsUrl = p.url.replace('http', 'ws');
	// Sessions written straight into the server's database (WAL allows a second writer): the
	// sign-in path is tested elsewhere, and four argon2 hashes are slow on a busy machine.
	const db = new Database(path.join(p.dataDir, 'yiting.db'));
	db.pragma('busy_timeout = 5000');
	const session = (login: string) => {
		const token = generateToken();
		const now = Date.now();
		const user = db.prepare('select id from user where login = ?').get(login) as { id: string };
		db.prepare(
			'insert into session (id, user_id, created_at, expires_at, absolute_expires_at) values (?, ?, ?, ?, ?)'
		).run(hashToken(token), user.id, now, now + 86_400_000, now + 86_400_000);
		return `${SESSION_COOKIE}=${token}`;
	};
	const cookies = {
		admin: session('admin'),
		resident1: session('resident1'),
		chair: session('chair'),
		member1: session('member1')
	};
	const fuzzers = ['member', 'liaison'].flatMap((role) =>
		Array.from({ length: 8 }, (_, i) => session(`${role}${i + 1}`))
	);
	const ids = db.prepare('select id, committee_id as c from unit order by name').all() as {
		id: string;
		c: string;
	}[];
	db.close();
	return {
		p,
		wsUrl,
		cookies,
		fuzzers,
		committeeId: ids[0]!.c,
		writerDoc: `unit/${ids[0]!.id}/duties`,
		readOnlyDoc: `unit/${ids[1]!.id}/duties`
	};
}

export async function stopFuzzServer(fz: FuzzServer | undefined): Promise<void> {
	const p = fz?.p;
	if (p && p.child.exitCode === null && p.child.signalCode === null) await p.stop('SIGKILL');
}

export function dbRows(p: ServerProcess, doc: string): string[] {
	const db = new Database(path.join(p.dataDir, 'yiting.db'), { readonly: true });
	try {
		return (
			db
				.prepare('select seq, "update" as u from doc_update where doc_name = ? order by seq')
				.all(doc) as { seq: number; u: Buffer }[]
		).map((r) => `${r.seq}:${r.u.toString('base64')}`);
	} finally {
		db.close();
	}
}

export function storedDoc(p: ServerProcess, doc: string): Y.Doc {
	const db = new Database(path.join(p.dataDir, 'yiting.db'), { readonly: true });
	try {
		const d = new Y.Doc();
		for (const r of db
			.prepare('select "update" as u from doc_update where doc_name = ? order by seq')
			.all(doc) as { u: Buffer }[]) {
			Y.applyUpdate(d, new Uint8Array(r.u));
		}
		return d;
	} finally {
		db.close();
	}
}

export function sioConnect(p: ServerProcess, cookie: string): Promise<Socket> {
	const s = ioClient(p.url, {
		transports: ['websocket'],
		extraHeaders: { cookie, origin: p.url },
		reconnection: false,
		forceNew: true
	});
	return new Promise((resolve, reject) => {
		s.once('connect', () => resolve(s));
		s.once('connect_error', reject);
	});
}

/** What a run must leave as it found: the read-only document's stored rows and text. */
export interface Baseline {
	readOnlyRows: string[];
	readOnlyText: string;
}

export function baseline(fz: FuzzServer): Baseline {
	const readOnlyRows = dbRows(fz.p, fz.readOnlyDoc);
	expect(readOnlyRows.length).toBeGreaterThan(0);
	return {
		readOnlyRows,
		readOnlyText: storedDoc(fz.p, fz.readOnlyDoc).getText(DUTIES_TEXT).toString()
	};
}

/** After a run: the server answers, syncs new connections, and presence works; the read-only document is as before. */
export async function expectStillServing(fz: FuzzServer, before: Baseline): Promise<void> {
	const { p, wsUrl, cookies, committeeId, writerDoc, readOnlyDoc } = fz;
	const readOnlyTextBefore = before.readOnlyText;
	expect((await fetch(`${p.url}/healthz`)).status).toBe(200);
	const reader = connectDoc(wsUrl, readOnlyDoc, { cookie: cookies.resident1, origin: p.url });
	const writer = connectDoc(wsUrl, writerDoc, { cookie: cookies.admin, origin: p.url });
	await Promise.all([reader.synced, writer.synced]);
	expect(reader.doc.getText(DUTIES_TEXT).toString()).toBe(readOnlyTextBefore);
	writer.doc.getText(DUTIES_TEXT).insert(0, 'AFTER-FUZZ ');
	const watcher = connectDoc(wsUrl, writerDoc, { cookie: cookies.chair, origin: p.url });
	await watcher.synced;
	await waitFor(() => watcher.doc.getText(DUTIES_TEXT).toString().startsWith('AFTER-FUZZ '));

	const a = await sioConnect(p, cookies.chair);
	const b = await sioConnect(p, cookies.member1);
	let sawChair = false;
	b.on('presence:changed', (ch: { online: { displayName: string }[] }) => {
		if (ch.online.some((x) => x.displayName === '李主任')) sawChair = true;
	});
	expect(
		(
			(await b
				.timeout(3000)
				.emitWithAck('presence:join', { id: 'after-1', committeeId })) as Result<unknown>
		).ok
	).toBe(true);
	expect(
		(
			(await a
				.timeout(3000)
				.emitWithAck('presence:join', { id: 'after-2', committeeId })) as Result<unknown>
		).ok
	).toBe(true);
	await waitFor(() => sawChair);
	a.disconnect();
	b.disconnect();

	// Every connection closed: the read-only document's stored rows are exactly as before,
	// and the writer document's stored state is what a client syncs.
	reader.destroy();
	await waitFor(
		() => watcher.doc.getText(DUTIES_TEXT).toString() === writer.doc.getText(DUTIES_TEXT).toString()
	);
	const expectedWriter = writer.doc.getText(DUTIES_TEXT).toString();
	writer.destroy();
	watcher.destroy();
	await waitFor(() => storedDoc(p, writerDoc).getText(DUTIES_TEXT).toString() === expectedWriter);
	expect(dbRows(p, readOnlyDoc)).toEqual(before.readOnlyRows);
	expect(storedDoc(p, readOnlyDoc).getText(DUTIES_TEXT).toString()).toBe(readOnlyTextBefore);
}

/** Nothing failed inside the server: rejected messages are logged as warnings (level 40), anything else (errors, crashes, unhandled rejections) is not. */
export function expectNoServerFailure(p: ServerProcess): void {
	const errors = p
		.output()
		.split('\n')
		.filter((line) => {
			if (!line.startsWith('{')) return /Uncaught|Unhandled|Error:/.test(line);
			try {
				return (JSON.parse(line) as { level: number }).level >= 50;
			} catch {
				return true;
			}
		});
	expect(errors).toEqual([]);
	expect(p.child.exitCode).toBeNull();
}
