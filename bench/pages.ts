/**
 * Page serving: the production build behind Yiting's own server (server/index.ts, as `npm start`
 * runs it, pinned to core 0 where `taskset` exists), with the demo committee and BENCH_PAGE_NEEDS
 * (10,000) needs on it. Signed in as a resident, BENCH_PAGE_CONCURRENCY (20) clients request, in a
 * closed loop, the server-rendered needs board (`/needs`) and a scheduled public meeting's page of the demo (a live one's page is its hall)
 * (`/meetings/<id>`); the baseline is a static file of the same build from the same server
 * (`/favicon.svg`, through adapter-node's static handler), same clients, same headers. The three
 * take turns in three rounds, so a change of the machine's load touches all of them alike.
 */
import os from 'node:os';
import path from 'node:path';
import { openDb } from '../src/lib/server/db';
import { startApp, signIn } from './app-process';
import { closedLoop, merged, type LoadResult, type LoadTarget } from './http-load';
import { seed } from './needs';
import type { BenchContext, BenchPart, BenchResult, Figure } from './part';
import { percentiles } from './stats';
import { num } from './summary';

const NEEDS = Number(process.env.BENCH_PAGE_NEEDS || 10_000);
const CONCURRENCY = Number(process.env.BENCH_PAGE_CONCURRENCY || 20);
const SECONDS = Number(process.env.BENCH_PAGE_SECONDS || 8);
const ROUNDS = 3;
/** The resident the e2e page-weight test signs in as: the demo's public meetings invite their community. */
const RESIDENT = 'resident3';

/** A page is right when it is the page: 200, HTML, and a text only that page has. */
const htmlWith =
	(marker: string) =>
	(status: number, body: string): string | null =>
		status !== 200
			? `status ${status}`
			: body.includes(marker)
				? null
				: `no "${marker}" in the page`;

async function seeded(dataDir: string) {
	const dbFile = path.join(dataDir, 'yiting.db');
	const db = openDb(dbFile);
	try {
		const s = await seed(db, dbFile, NEEDS);
		const title = db.$client
			.prepare(
				`select title from need where committee_id = ? and visibility = 'public' order by created_at desc limit 1`
			)
			.get(s.committeeId) as { title: string } | undefined;
		return { seedMs: s.seedMs, newestNeed: title?.title ?? '' };
	} finally {
		db.$client.close();
	}
}

function stats(r: LoadResult) {
	return { ...percentiles(r.latencies), rps: (r.latencies.length / r.wallMs) * 1000 };
}

/** A scheduled public meeting the resident sees (a live one's page is its hall), as the e2e tests pick it. */
async function meetingFor(url: string, cookie: string): Promise<{ id: string; title: string }> {
	const r = await fetch(`${url}/api/v1/meetings?limit=50`, { headers: { cookie } });
	const list = (await r.json()) as {
		items: { id: string; title: string; visibility: string; status: string }[];
	};
	const m = list.items.find((x) => x.visibility === 'public' && x.status === 'scheduled');
	if (!m)
		throw new Error(
			`no scheduled public meeting for ${RESIDENT} (${r.status}: ${list.items.map((x) => `${x.visibility} ${x.status}`).join(', ')})`
		);
	return m;
}

async function run({ dataDir, buildDir }: BenchContext): Promise<BenchResult> {
	console.log(`seeding the demo committee and ${NEEDS.toLocaleString('en')} needs…`);
	const s = await seeded(dataDir);
	const pinned = os.availableParallelism() >= 2;
	const app = await startApp({ buildDir, dataDir, core: pinned ? 0 : null });
	try {
		const cookie = await signIn(app.url, RESIDENT);
		const meeting = await meetingFor(app.url, cookie);
		const headers = { cookie, 'accept-language': 'zh-CN', 'accept-encoding': 'identity' };
		const targets: [string, LoadTarget][] = [
			[
				'static file `/favicon.svg`',
				{ url: `${app.url}/favicon.svg`, headers, check: htmlWith('<svg') }
			],
			[
				'needs board `/needs` (server-rendered)',
				{ url: `${app.url}/needs`, headers, check: htmlWith(s.newestNeed.slice(0, 12)) }
			],
			[
				'meeting page `/meetings/<id>` (server-rendered)',
				{
					url: `${app.url}/meetings/${meeting.id}`,
					headers,
					check: htmlWith(meeting.title.slice(0, 12))
				}
			]
		];
		for (const [, t] of targets) await closedLoop(t, CONCURRENCY, 1); // warm-up
		const runs = new Map<string, LoadResult[]>(targets.map(([n]) => [n, []]));
		for (let round = 0; round < ROUNDS; round++)
			for (const [name, t] of targets) {
				console.log(`round ${round + 1}: ${name}`);
				runs.get(name)!.push(await closedLoop(t, CONCURRENCY, SECONDS / ROUNDS));
			}
		return report(s, targets, runs);
	} finally {
		await app.stop();
	}
}

function report(
	s: Awaited<ReturnType<typeof seeded>>,
	targets: [string, LoadTarget][],
	runs: Map<string, LoadResult[]>
): BenchResult {
	const all = new Map([...runs].map(([n, r]) => [n, merged(r)]));
	const [baseName] = targets[0]!;
	const base = stats(all.get(baseName)!);
	const figures: Figure[] = targets.slice(1).map(([name]) => {
		const r = all.get(name)!;
		const errors = Object.values(r.errors).reduce((a, n) => a + n, 0);
		return {
			what: `${name.replace(/ \(server-rendered\)/, '')}, ${CONCURRENCY} concurrent, signed in`,
			unit: 'ms',
			...percentiles(r.latencies),
			baseline: { what: baseName, ...percentiles(all.get(baseName)!.latencies) },
			aim: 'every response the right page',
			met: errors === 0 && r.latencies.length > 0
		};
	});
	const lines = [
		`The demo committee plus ${NEEDS.toLocaleString('en')} needs (bench/needs.ts's seed, ${(s.seedMs / 1000).toFixed(1)} s), served by server/index.ts from the production build; ${CONCURRENCY} clients (Node's fetch, keep-alive), signed in as ${RESIDENT}, each sending its next request when the last one's body has arrived. Each target ${SECONDS} s in ${ROUNDS} turns. A response counts when it is 200 and holds a text only that page has (the newest public need's title; the meeting's title); the time is send → last byte.`,
		'',
		'| target | responses | per second | p50 ms | p95 ms | p99 ms | KiB each | errors |',
		'| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
		...targets.map(([name]) => {
			const r = all.get(name)!;
			const st = stats(r);
			const errs = Object.entries(r.errors);
			return `| ${name} | ${r.latencies.length} | ${st.rps.toFixed(0)} | ${num(st.p50)} | ${num(st.p95)} | ${num(st.p99)} | ${(r.bytes / Math.max(1, r.latencies.length) / 1024).toFixed(1)} | ${errs.length ? errs.map(([k, n]) => `${k}: ${n}`).join('; ') : 'none'} |`;
		}),
		'',
		`The baseline answered ${base.rps.toFixed(0)} requests a second: what the server, Node's HTTP stack and this load generator do with no page to render. The pages' extra time is SvelteKit's rendering and their database reads; there is no aim beyond every response being right.`
	];
	return { figures, markdown: lines.join('\n') };
}

export const part: BenchPart = {
	describe:
		'page serving from the production build (server/index.ts): the server-rendered needs board and a meeting page under 20 concurrent signed-in clients, against a static file from the same server.',
	run
};
