/**
 * The security matrix: every HTTP API operation and every socket event × every role (anonymous,
 * secretary, chair, member, liaison, recorder, supervisor, resident), against the built server
 * with the demo data. What each cell must answer is in security-matrix.table.ts (HTTP) and
 * security-matrix.sockets.ts (socket.io); requests carry real ids and valid bodies, so a cell
 * fails on the permission check, not on its input. A route or event the tables do not cover
 * fails the first tests: a new route must be added to the table.
 *
 * Build first: `npx vite build`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import type { Socket } from 'socket.io-client';
import { clientEventSchemas } from '../../src/lib/shared/events';
import type { Result } from '../../src/lib/shared/result';
import { startServerProcess, type ServerProcess } from '../helpers/process';
import { buildWorld, WHO, type Who, type World } from '../helpers/matrix';
import { connectSocket } from '../helpers/votes';
import { ROWS, expected, type Outcome, type Req, type Row } from './security-matrix.table';
import {
	ack,
	SOCKET_ROWS,
	expectedAck,
	type SocketRow,
	type SocketWorld
} from './security-matrix.sockets';

let s: ServerProcess;
let w: SocketWorld;
const sockets = new Map<Who, Socket>();
/** Each row's mismatches, worked out a few rows at a time once the world is built. */
const results = new Map<Row | SocketRow, Promise<string[]>>();
/** Rows at once: each is up to eight calls at once, against one server process. */
const ROWS_AT_ONCE = 8;

beforeAll(async () => {
	// A fixed port only where one is given (machines shared by several test runs); otherwise a free one.
	const port = Number(process.env.YITING_TEST_PORT) || undefined;
	s = await startServerProcess({ env: { LOG_LEVEL: 'warn' }, port });
	const world: World = await buildWorld(s);
	const author = await connectSocket(s.url, world.member2);
	w = Object.assign(world, { author });
	await ack(author, 'hall:join', { meetingId: w.ids.liveMeeting });
	for (const who of WHO)
		if (who !== 'anonymous') sockets.set(who, await connectSocket(s.url, w.cookie[who]));
	const limit = limiter(ROWS_AT_ONCE);
	for (const row of ROWS)
		results.set(
			row,
			limit(() => runRow(row))
		);
	for (const row of SOCKET_ROWS)
		results.set(
			row,
			limit(() => runSocketRow(row))
		);
	// Settled here, so a row's failure is reported by its own test, not as an unhandled rejection.
	for (const [row, p] of results)
		results.set(
			row,
			p.catch((e: Error) => [`error: ${e.message}`])
		);
}, 120_000);
afterAll(async () => {
	for (const k of sockets.values()) k.close();
	w?.author.close();
	w?.db.close();
	await s?.stop();
});

/** Run at most `n` jobs at once. */
function limiter(n: number) {
	let running = 0;
	const waiting: (() => void)[] = [];
	return async <T>(job: () => Promise<T>): Promise<T> => {
		if (running >= n) await new Promise<void>((r) => waiting.push(r));
		running++;
		try {
			return await job();
		} finally {
			running--;
			waiting.shift()?.();
		}
	};
}

// ---------------------------------------------------------------- coverage

/** Every method exported by a route file under src/routes/api/v1, as `METHOD /path/{param}`. */
function routeFileOps(): string[] {
	const root = path.resolve('src/routes/api/v1');
	const ops: string[] = [];
	const walk = (dir: string) => {
		for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
			const full = path.join(dir, e.name);
			if (e.isDirectory()) walk(full);
			else if (e.name === '+server.ts') {
				const route = path
					.relative(root, dir)
					.split(path.sep)
					.map((seg) => seg.replace(/^\[(.+)\]$/, '{$1}'))
					.join('/');
				const src = fs.readFileSync(full, 'utf8');
				for (const m of src.matchAll(
					/export\s+(?:const|(?:async\s+)?function)\s+(GET|POST|PUT|PATCH|DELETE)\b/g
				))
					ops.push(`${m[1]} /${route}`);
			}
		}
	};
	walk(root);
	return ops;
}

/** `{anything}` is one parameter, whatever the route file calls it. */
const shape = (op: string) => op.replace(/\{[^}]+\}/g, '{}');

describe('the matrix covers', () => {
	it('every operation of the OpenAPI document and every route file', async () => {
		const doc = (await (await fetch(`${s.url}/api/v1/openapi.json`)).json()) as {
			paths: Record<string, Record<string, unknown>>;
		};
		const fromDoc = Object.entries(doc.paths).flatMap(([p, ops]) =>
			Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`)
		);
		const fromFiles = routeFileOps();
		expect(fromDoc.length).toBeGreaterThan(100);
		const covered = new Set(ROWS.map((r) => shape(r.op)));
		const missing = [...new Set([...fromDoc, ...fromFiles])].filter(
			(op) => !covered.has(shape(op))
		);
		expect(missing, 'operations without a row in security-matrix.table.ts').toEqual([]);
		const known = new Set([...fromDoc, ...fromFiles].map(shape));
		const stale = ROWS.map((r) => r.op).filter((op) => !known.has(shape(op)));
		expect(stale, 'rows for operations that no longer exist').toEqual([]);
	});

	it('every client event of the socket contract', () => {
		const covered = new Set(SOCKET_ROWS.map((r) => r.event));
		expect(Object.keys(clientEventSchemas).filter((e) => !covered.has(e))).toEqual([]);
		expect([...covered].filter((e) => !(e in clientEventSchemas))).toEqual([]);
	});
});

// ---------------------------------------------------------------- HTTP

const matches = (want: Outcome, status: number, passed: number[] = []) =>
	want === 'ok' ? (status >= 200 && status < 300) || passed.includes(status) : status === want;

async function runCell(row: Row, who: Who, req: Req): Promise<string | null> {
	const want = expected(row, who);
	const [method] = row.op.split(' ');
	const headers: Record<string, string> = {};
	const cookie = req.cookie ?? w.cookie[who];
	if (cookie) headers.cookie = cookie;
	if (method !== 'GET') headers.origin = s.url;
	let body: BodyInit | undefined;
	if (req.form) body = req.form;
	else if (req.body !== undefined) {
		body = JSON.stringify(req.body);
		headers['content-type'] = 'application/json';
	}
	const r = await fetch(`${s.url}/api/v1${req.path}`, { method, headers, body });
	const text = await r.text();
	if (matches(want, r.status, row.passed?.also)) return null;
	return `${who}: expected ${want}, got ${r.status} ${text.slice(0, 160)}`;
}

/**
 * One row's cells: those refused first, sharing one target (a refusal changes nothing, and each
 * is checked against the state before any allowed cell changed it); then those allowed, each
 * with a target of its own; each group at once.
 */
async function runRow(row: Row): Promise<string[]> {
	const refused = WHO.filter((who) => expected(row, who) !== 'ok');
	const allowed = WHO.filter((who) => expected(row, who) === 'ok');
	const shared = refused.length && !row.perCell ? await row.req(w, refused[0]!) : null;
	const cell = async (who: Who) => runCell(row, who, shared ?? (await row.req(w, who)));
	const out = await Promise.all(refused.map(cell));
	out.push(
		...(await Promise.all(allowed.map(async (who) => runCell(row, who, await row.req(w, who)))))
	);
	return out.filter((x): x is string => x !== null);
}

const label = (r: { variant?: string }, name: string) =>
	r.variant ? `${name} (${r.variant})` : name;

describe('HTTP API × role', () => {
	for (const row of ROWS)
		it(label(row, row.op), { timeout: 120_000 }, async () => {
			expect(await results.get(row)).toEqual([]);
		});
});

// ---------------------------------------------------------------- socket.io

type Person = Exclude<Who, 'anonymous'>;

async function runSocketCell(row: SocketRow, who: Person, payload: Record<string, unknown>) {
	const want = expectedAck(row, who);
	const sock = sockets.get(who)!;
	await row.before?.(w, sock);
	const r = (await ack(sock, row.event, payload)) as Result<unknown>;
	const got = r.ok ? 'ok' : r.error.code;
	if (got === want || (want === 'ok' && row.passed?.also.includes(got as never))) return null;
	return `${who}: expected ${want}, got ${got}${r.ok ? '' : ` (${r.error.message})`}`;
}

/** As for HTTP rows: refused cells share one target, allowed cells get one each. */
async function runSocketRow(row: SocketRow): Promise<string[]> {
	const roles = WHO.filter((x): x is Person => x !== 'anonymous');
	const refused = roles.filter((who) => expectedAck(row, who) !== 'ok');
	const allowed = roles.filter((who) => expectedAck(row, who) === 'ok');
	const shared = refused.length ? await row.payload(w) : null;
	const out = await Promise.all(refused.map((who) => runSocketCell(row, who, shared!)));
	out.push(
		...(await Promise.all(
			allowed.map(async (who) => runSocketCell(row, who, await row.payload(w)))
		))
	);
	return out.filter((x): x is string => x !== null);
}

describe('socket events × role', () => {
	it('a connection without a session is refused before any event', async () => {
		await expect(connectSocket(s.url, '')).rejects.toThrow();
	});

	for (const row of SOCKET_ROWS)
		it(label(row, row.event), { timeout: 120_000 }, async () => {
			expect(await results.get(row)).toEqual([]);
		});
});
