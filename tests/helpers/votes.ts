/**
 * Decisions against the real built server: API calls as another system makes them, socket.io
 * connections as the hall makes them, and people made straight in the server's database file
 * (voters and their sessions, without a password hash per person or a sign-in each).
 */
import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { io as ioClient, type Socket } from 'socket.io-client';
import { generateToken, hashToken, SESSION_COOKIE } from '../../src/lib/server/auth/session';
import type { ServerProcess } from './process';
import type { Result } from '../../src/lib/shared/result';

export interface Problem {
	type: string;
	title: string;
	status: number;
	detail: string;
	errors?: Record<string, string[]>;
}

/** Who calls: their session. Their language is their profile's (zh-CN unless they chose English). */
export interface Caller {
	cookie: string;
}

/** A JSON answer, read field by field by the tests' own assertions. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

/** One API call; unsafe methods carry the app's own Origin, as a browser's would. */
export async function api(
	url: string,
	method: string,
	p: string,
	who: Caller,
	json?: unknown
): Promise<{ status: number; type: string; body: Json }> {
	const headers: Record<string, string> = { cookie: who.cookie };
	if (method !== 'GET') headers.origin = url;
	if (json !== undefined) headers['content-type'] = 'application/json';
	const r = await fetch(`${url}/api/v1${p}`, {
		method,
		headers,
		body: json === undefined ? undefined : JSON.stringify(json)
	});
	const text = await r.text();
	let body: unknown = text;
	try {
		body = text ? JSON.parse(text) : null;
	} catch {
		// not JSON: kept as text for the failure message
	}
	return { status: r.status, type: r.headers.get('content-type') ?? '', body };
}

/** The server's database file, opened beside it (WAL: reads while it runs). */
export function openServerDb(s: Pick<ServerProcess, 'dataDir'>): Database.Database {
	const db = new Database(path.join(s.dataDir, 'yiting.db'), { fileMustExist: true });
	db.pragma('busy_timeout = 10000');
	return db;
}

export const userIdOf = (db: Database.Database, login: string): string =>
	(db.prepare('select id from user where login = ?').get(login) as { id: string }).id;

/** A signed-in session for a user, written where the server looks it up (only the hash is stored). */
export function sessionCookie(db: Database.Database, userId: string): string {
	const token = generateToken();
	const now = Date.now();
	db.prepare(
		'insert into session (id, user_id, created_at, expires_at, absolute_expires_at) values (?, ?, ?, ?, ?)'
	).run(hashToken(token), userId, now, now + 86_400_000, now + 86_400_000);
	return `${SESSION_COOKIE}=${token}`;
}

/**
 * `n` more voting members of the demo committee (each the representative of a demo unit):
 * every one of them is on the roll of a members' poll. Returns their user ids.
 */
export function addMembers(db: Database.Database, n: number, prefix: string): string[] {
	const committee = (db.prepare('select id from committee').get() as { id: string }).id;
	const units = (db.prepare('select id from unit order by name').all() as { id: string }[]).map(
		(u) => u.id
	);
	const hash = (
		db.prepare("select password_hash h from user where login = 'member1'").get() as {
			h: string;
		}
	).h;
	const now = Date.now();
	const ids: string[] = [];
	const user = db.prepare(
		'insert into user (id, login, display_name, password_hash, created_at) values (?, ?, ?, ?, ?)'
	);
	const role = db.prepare(
		"insert into role_assignment (id, user_id, committee_id, role, unit_id, created_at) values (?, ?, ?, 'member', ?, ?)"
	);
	db.transaction(() => {
		for (let i = 0; i < n; i++) {
			const id = randomBytes(10).toString('hex');
			user.run(id, `${prefix}${i}`, `${prefix}代表${i}`, hash, now);
			role.run(randomBytes(10).toString('hex'), id, committee, units[i % units.length], now);
			ids.push(id);
		}
	})();
	return ids;
}

export function connectSocket(url: string, cookie: string): Promise<Socket> {
	const headers: Record<string, string> = { cookie, origin: url };
	const s = ioClient(url, {
		transports: ['websocket'],
		extraHeaders: headers,
		reconnection: false,
		forceNew: true
	});
	return new Promise((resolve, reject) => {
		s.once('connect', () => resolve(s));
		s.once('connect_error', reject);
	});
}

let seq = 0;
/** An event with a fresh id (so no two are taken for retries of one another). */
export const emit = <T>(s: Socket, event: string, payload: Record<string, unknown>, ms = 5000) =>
	s.timeout(ms).emitWithAck(event, {
		id: `e${++seq}-${randomBytes(4).toString('hex')}`,
		...payload
	}) as Promise<Result<T>>;

/** Start the demo's public meeting (units 1–3 invited) and return its id. */
export async function livePublicMeeting(url: string, chair: Caller): Promise<string> {
	const list = await api(url, 'GET', '/meetings', chair);
	const m = (list.body.items as { id: string; visibility: string; status: string }[]).find(
		// The demo also holds a closed public meeting (with its resolutions): take the one still to come.
		(x) => x.visibility === 'public' && (x.status === 'scheduled' || x.status === 'live')
	)!;
	if (m.status !== 'live') {
		const r = await api(url, 'POST', `/meetings/${m.id}/start`, chair);
		if (r.status !== 200) throw new Error(`start: ${r.status} ${JSON.stringify(r.body)}`);
	}
	return m.id;
}

/** A members' poll between meetings, open now, closing in a day. Returns the vote as created. */
export async function openPoll(
	url: string,
	chair: Caller,
	over: Record<string, unknown> = {}
): Promise<Json> {
	const created = await api(url, 'POST', '/votes', chair, {
		title: '关于更换路灯的意见征询',
		method: 'yna',
		secret: false,
		electorate: 'members',
		closesAt: new Date(Date.now() + 86_400_000).toISOString(),
		...over
	});
	if (created.status !== 201)
		throw new Error(`create: ${created.status} ${JSON.stringify(created.body)}`);
	const opened = await api(url, 'POST', `/votes/${created.body.id}/open`, chair);
	if (opened.status !== 200)
		throw new Error(`open: ${opened.status} ${JSON.stringify(opened.body)}`);
	return opened.body;
}
