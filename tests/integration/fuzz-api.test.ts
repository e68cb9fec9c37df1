/**
 * Promise 16 (abuse is contained), HTTP side: thousands of generated requests over every route
 * of /api/v1/openapi.json — wrong methods, malformed path parameters and queries, broken bodies —
 * signed in as six different people, anonymous or with a made-up token, against the real server
 * process. No request is answered with a 5xx or left unanswered; refused input changes nothing:
 * after every batch of requests the database's tables are compared with a fingerprint taken
 * before it (only a batch in which some request was accepted moves the fingerprint, and those are
 * counted). Afterwards the server still serves, syncs and keeps presence.
 *
 * The fingerprint leaves out no table. Counts: see tests/helpers/fuzz/server.ts (YITING_FUZZ).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type Database from 'better-sqlite3';
import {
	baseline,
	budget,
	expectNoServerFailure,
	expectStillServing,
	FUZZ_TIMEOUT_MS,
	share,
	SEED,
	startFuzzServer,
	stopFuzzServer,
	type Baseline,
	type FuzzServer
} from '../helpers/fuzz/server';
import { apiRequest, isUnsafe, routesOf, type ApiRequest, type Who } from '../helpers/fuzz/api';
import { changedTables, dataVersion, fingerprint } from '../helpers/fuzz/checksum';
import { openServerDb, sessionCookie, userIdOf } from '../helpers/votes';

const REQUESTS = share('requests');
const BUDGET_MS = budget(10_000);
const MIN_REQUESTS = 300;
const BATCH = 32;
/**
 * Tables refused input may change: only the sign-in throttle, whose whole point is to count
 * refused sign-ins (per address and account). Sessions' last-use and sliding-expiry columns are
 * left out of every fingerprint (tests/helpers/fuzz/checksum.ts); nothing else is.
 */
const MAY_CHANGE: string[] = ['sign_in_throttle'];

let fz: FuzzServer;
let before: Baseline;
let db: Database.Database;

beforeAll(async () => {
	fz = await startFuzzServer();
	before = baseline(fz);
	db = openServerDb(fz.p);
}, 120_000);
afterAll(async () => {
	db?.close();
	await stopFuzzServer(fz);
});

function idsOf(): string[] {
	const ids: string[] = [];
	for (const t of [
		'meeting',
		'vote',
		'task',
		'need',
		'user',
		'unit',
		'committee',
		'project',
		'notification',
		'motion',
		'resolution'
	])
		for (const r of db.prepare(`select id from "${t}" limit 2`).all() as { id: string }[])
			ids.push(r.id);
	return ids;
}

async function send(url: string, headers: Record<Who, Record<string, string>>, r: ApiRequest) {
	const h: Record<string, string> = { ...headers[r.who] };
	if (r.origin === 'own') h.origin = url;
	if (r.origin === 'other') h.origin = 'https://evil.example';
	const withBody = r.body !== null && !['GET', 'HEAD'].includes(r.method);
	if (withBody && r.contentType) h['content-type'] = r.contentType;
	const res = await fetch(`${url}/api/v1${r.path}${r.query}`, {
		method: r.method,
		headers: h,
		body: withBody ? new Uint8Array(r.body!) : undefined,
		// A path with a trailing slash is answered with a redirect; following it would send the
		// (already sent) body again. The redirect is the server's answer.
		redirect: 'manual',
		signal: AbortSignal.timeout(30_000)
	});
	const type = res.headers.get('content-type') ?? '';
	await res.arrayBuffer();
	return { status: res.status, type };
}

describe('fuzz: API requests', () => {
	it(
		'thousands of malformed requests as six people: no 5xx, and refused ones change nothing',
		async () => {
			const { p, cookies } = fz;
			const doc = (await (await fetch(`${p.url}/api/v1/openapi.json`)).json()) as Parameters<
				typeof routesOf
			>[0];
			// Not signing out: that would end the session the rest of the run uses.
			const routes = routesOf(doc).filter((r) => !r.path.endsWith('/logout'));
			expect(routes.length).toBeGreaterThan(50);
			const cookie = (login: string) => ({ cookie: sessionCookie(db, userIdOf(db, login)) });
			const headers: Record<Who, Record<string, string>> = {
				admin: { cookie: cookies.admin },
				chair: { cookie: cookies.chair },
				member1: { cookie: cookies.member1 },
				resident1: { cookie: cookies.resident1 },
				liaison1: cookie('liaison1'),
				supervisor: cookie('supervisor'),
				anon: {},
				token: { authorization: 'Bearer yt_0000000000000000000000000000000000000000' }
			};
			// Whatever the scheduler had to do at start is done before the first look.
			await new Promise((r) => setTimeout(r, 500));
			let print = fingerprint(db, MAY_CHANGE);
			let version = dataVersion(db);
			const requests = fc.sample(apiRequest(routes, idsOf()), {
				seed: SEED + 3,
				numRuns: REQUESTS
			});
			const statuses = new Map<number, number>();
			const notProblem = new Map<string, number>();
			const failures: string[] = [];
			let accepted = 0;
			let moved = 0;
			let processed = 0;
			let printMs = 0;
			let resent = 0;
			let resetBig = 0;
			const unanswered = new Map<string, number>();
			const started = Date.now();
			// The budget bounds a fast run; a loaded machine still sends the minimum, only slower.
			for (
				let i = 0;
				i < requests.length && (Date.now() - started < BUDGET_MS || processed < MIN_REQUESTS);
				i += BATCH
			) {
				const batch = requests.slice(i, i + BATCH);
				const b0 = performance.now();
				const answers = await Promise.all(
					batch.map((r) =>
						send(p.url, headers, r)
							// A keep-alive connection the server closed as idle just as it was reused (its
							// timeout is 5 s; a batch on a loaded machine can take that), or one the server
							// reset after refusing an oversized body sent on it before: sent again once.
							.catch((err: Error & { cause?: { code?: string } }) => {
								if (err.cause?.code !== 'UND_ERR_SOCKET' && err.cause?.code !== 'ECONNRESET')
									throw err;
								resent++;
								return send(p.url, headers, r);
							})
							.catch((err: Error & { cause?: { code?: string; message?: string } }) => ({
								status: 0,
								type: `${err.message} (${err.cause?.code ?? err.cause?.message ?? ''})`
							}))
					)
				);
				if (process.env.DEBUG_FUZZ)
					console.info(`batch ${i / BATCH}: ${(performance.now() - b0).toFixed(0)} ms`);
				let changes = false;
				answers.forEach((a, k) => {
					const r = batch[k]!;
					statuses.set(a.status, (statuses.get(a.status) ?? 0) + 1);
					const brief = `${r.method} ${r.path}${r.query.slice(0, 80)} as ${r.who} → ${a.status} ${a.type}`;
					// A body over the limit may be cut off by a reset rather than answered 413: counted apart.
					if (a.status === 0 && (r.body?.length ?? 0) > 1024 * 1024) {
						resetBig++;
						return;
					}
					if (a.status === 0) unanswered.set(a.type, (unanswered.get(a.type) ?? 0) + 1);
					if (a.status === 0 || a.status >= 500)
						failures.push(
							`${brief} ${JSON.stringify({ ...r, body: r.body && Buffer.from(r.body).toString('latin1').slice(0, 200) })}`
						);
					if (
						a.status >= 400 &&
						!a.type.startsWith('application/problem+json') &&
						r.method !== 'HEAD'
					) {
						const key = `${a.status} ${a.type.split(';')[0]} ${r.method} ${r.path.split('/')[1]}`;
						notProblem.set(key, (notProblem.get(key) ?? 0) + 1);
					}
					if (a.status >= 200 && a.status < 300 && isUnsafe(r.method)) {
						accepted++;
						changes = true;
					}
				});
				processed += batch.length;
				if (dataVersion(db) === version) continue;
				const t = performance.now();
				const now = fingerprint(db, MAY_CHANGE);
				printMs += performance.now() - t;
				version = dataVersion(db);
				if (changes) moved++;
				else
					expect(
						changedTables(print, now),
						`refused requests changed these tables: ${batch
							.filter((r) => isUnsafe(r.method))
							.slice(0, 5)
							.map((r) => `${r.method} ${r.path}`)
							.join('; ')}`
					).toEqual([]);
				print = now;
			}
			console.info(
				`fuzz: ${processed} API requests over ${routes.length} routes (${resent} sent again, ${resetBig} oversized bodies cut off) in ${Date.now() - started} ms (${printMs.toFixed(0)} ms of it fingerprints); ${accepted} unsafe accepted (${moved} batches re-fingerprinted); statuses ${JSON.stringify([...statuses].sort())}; unanswered ${JSON.stringify([...unanswered])}; errors not problem+json ${JSON.stringify([...notProblem])}`
			);
			expect(failures.slice(0, 10)).toEqual([]);
			expect(processed).toBeGreaterThanOrEqual(Math.min(REQUESTS, MIN_REQUESTS));
			// Mostly refused: the run is about refused input, not a workload.
			expect(accepted).toBeLessThan(processed / 20);
		},
		FUZZ_TIMEOUT_MS
	);

	it(
		'afterwards the server serves, syncs, keeps presence and the read-only document, and logged no failure',
		async () => {
			await expectStillServing(fz, before);
			expectNoServerFailure(fz.p);
		},
		FUZZ_TIMEOUT_MS
	);
});
