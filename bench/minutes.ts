/**
 * Minutes co-editing: the relay of keystrokes between 10 and 50 editors on Yiting's Yjs server
 * (every update stored under `synchronous = FULL` before it is relayed), with group commit and
 * without it (`commitBatch` 1: one commit, one fsync, per update — the server before group
 * commit), against the in-memory reference server `@y/websocket-server` with the same clients;
 * then memory per loaded document and the load time of a document with 100,000 edits.
 *
 * Child processes (started and stopped here): two bench/minutes-server.ts (group commit on and
 * off, each on its own fresh database) and bench/minutes-ref.ts, all on core 0; the load
 * generator bench/minutes-load.ts on core 1 (real y-websocket `WebsocketProvider` clients,
 * signed in with cookies); bench/minutes-docs.ts (memory and load time, with --expose-gc).
 *
 * Sizes: BENCH_MINUTES_ROUNDS (4 alternating blocks of 3 s per server and size),
 * BENCH_MINUTES_DOCS (200), BENCH_MINUTES_EDITS (100000).
 */
import os from 'node:os';
import path from 'node:path';
import { getJson } from './load-kit';
import { hasTaskset, message, start, stop, type Child } from './children';
import { pct } from './hall-shared';
import type { MinutesDocsResult } from './minutes-docs';
import type { MinutesLoadConfig, MinutesLoadResult, Target } from './minutes-load';
import type { MinutesServerReady } from './minutes-server';
import type { BenchContext, BenchPart, BenchResult, Figure } from './part';

const SIZES = [10, 50];
const ROUNDS = Number(process.env.BENCH_MINUTES_ROUNDS || 4);
const BLOCK_MS = 3000;
const CPS = 4;
const AIM_RATIO = 1.5;
const AIM_LOAD_MS = 200;

const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
const ms = (x: number) => (Number.isNaN(x) ? '–' : x < 10 ? x.toFixed(2) : x.toFixed(1));
const stats = (xs: number[]) => {
	const s = sorted(xs);
	return { p50: pct(s, 50), p95: pct(s, 95), p99: pct(s, 99), n: s.length };
};

interface Relay {
	editors: number;
	samples: MinutesLoadResult['samples'];
	cpuShare: number;
	commits: Record<string, { commits: number; updates: number }>;
}

type Commits = { commits: number; updates: number };

async function relay(
	servers: Record<string, MinutesServerReady>,
	refPort: number,
	core: number | null
) {
	const runs: Relay[] = [];
	for (const n of SIZES) {
		const targets: Target[] = Object.entries(servers).map(([label, s]) => ({
			label,
			base: `ws://127.0.0.1:${s.port}/yjs`,
			docName: s.docName,
			cookies: s.editors.slice(0, n),
			origin: `http://127.0.0.1:${s.port}`
		}));
		targets.push({
			label: 'reference',
			base: `ws://127.0.0.1:${refPort}`,
			docName: `minutes-${n}`
		});
		const before: Record<string, Commits> = {};
		for (const [label, s] of Object.entries(servers))
			before[label] = await getJson<Commits>(`http://127.0.0.1:${s.port}/__bench/commits`);
		const load = start('minutes-load.ts', core);
		try {
			const config: MinutesLoadConfig = {
				type: 'config',
				targets,
				editors: n,
				cps: CPS,
				blockMs: BLOCK_MS,
				rounds: ROUNDS
			};
			load.proc.send(config);
			const r = await message<MinutesLoadResult>(load, `minutes-load (${n})`, 600_000);
			const commits: Relay['commits'] = {};
			for (const [label, s] of Object.entries(servers)) {
				const after = await getJson<Commits>(`http://127.0.0.1:${s.port}/__bench/commits`);
				commits[label] = {
					commits: after.commits - before[label]!.commits,
					updates: after.updates - before[label]!.updates
				};
			}
			runs.push({ editors: n, samples: r.samples, cpuShare: r.cpuShare, commits });
			console.log(`minutes: ${n} editors done (generator CPU ${(r.cpuShare * 100).toFixed(0)}%)`);
		} finally {
			await stop(load);
		}
	}
	return runs;
}

function relayFigures(runs: Relay[]): Figure[] {
	const figures: Figure[] = [];
	for (const r of runs) {
		const ref = { what: '@y/websocket-server (in memory)', ...stats(r.samples.reference!.all) };
		const after = stats(r.samples.grouped!.all);
		const before = stats(r.samples.single!.all);
		figures.push({
			what: `minutes relay, ${r.editors} editors (group commit)`,
			unit: 'ms',
			...after,
			baseline: ref,
			aim: `p99 ≤ ${AIM_RATIO}× reference`,
			met: after.p99 <= AIM_RATIO * ref.p99
		});
		figures.push({
			what: `minutes relay, ${r.editors} editors (one commit per update)`,
			unit: 'ms',
			...before,
			baseline: ref
		});
	}
	return figures;
}

function relayMarkdown(runs: Relay[]): string {
	const out = [
		'| editors | server | receipts | missing | p50 | p95 | p99 | × ref p99 | commits / updates |',
		'| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |'
	];
	const label: Record<string, string> = {
		grouped: 'Yiting, group commit',
		single: 'Yiting, one commit per update (before)',
		reference: '`@y/websocket-server` (in memory)'
	};
	for (const r of runs) {
		const ref99 = stats(r.samples.reference!.all).p99;
		for (const key of ['grouped', 'single', 'reference']) {
			const s = r.samples[key]!;
			const st = stats(s.all);
			const c = r.commits[key];
			out.push(
				`| ${r.editors} | ${label[key]} | ${st.n} | ${s.missing} | ${ms(st.p50)} | ${ms(st.p95)} | ${ms(st.p99)} | ${(st.p99 / ref99).toFixed(2)} | ${c ? `${c.commits} / ${c.updates}` : '–'} |`
			);
		}
	}
	const gen = Math.max(...runs.map((r) => r.cpuShare));
	out.push('');
	out.push(
		`Each editor types ${CPS} characters a second into its own paragraph; the three servers take turns in ${BLOCK_MS / 1000} s blocks (${ROUNDS} each per size), so background load falls on all alike. ` +
			`A receipt is one character arriving in one other editor's document. The generator used at most ${(gen * 100).toFixed(0)}% of its core` +
			(gen > 0.8 ? ' (above 80%: the figures partly measure the generator).' : '.')
	);
	return out.join('\n');
}

function docsFigures(d: MinutesDocsResult): Figure[] {
	const load = stats(d.loadMs);
	const base = stats(d.baselineMs);
	return [
		{
			what: 'server heap per loaded minutes document',
			unit: 'KiB',
			value: (d.heapLoaded - d.heapNone) / d.docs / 1024,
			n: d.docs
		},
		{
			what: `load of a minutes document with ${d.edits.toLocaleString('en')} edits`,
			unit: 'ms',
			p50: load.p50,
			p99: load.p99,
			n: load.n,
			baseline: { what: 'Y.applyUpdate of the same state, one merged update', ...base },
			aim: `< ${AIM_LOAD_MS} ms`,
			met: load.p99 < AIM_LOAD_MS
		}
	];
}

function docsMarkdown(d: MinutesDocsResult): string {
	const load = stats(d.loadMs);
	return [
		`Memory: ${d.docs} documents holding a typical meeting's minutes (8 sections, typed a character at a time with corrections; ${(d.docBytes / 1024).toFixed(1)} KiB encoded) loaded through \`SharedDoc\` as the server loads them: ` +
			`heap ${((d.heapLoaded - d.heapNone) / 2 ** 20).toFixed(1)} MiB more than with none loaded (after full collections), ${((d.heapLoaded - d.heapNone) / d.docs / 1024).toFixed(1)} KiB per document.`,
		'',
		`Load: ${d.edits.toLocaleString('en')} single-character edits fed to a loaded document and stored as the server stores them (group commit, compaction every 500), left without the compaction at unload (as a crash would): ${d.rowsAtLoad} rows in the log. ` +
			`Loading it (read the rows, apply them) took p50 ${ms(load.p50)} ms (max ${ms(load.p99)} ms of ${load.n}); applying the same state as one merged update to a fresh Y.Doc took p50 ${ms(stats(d.baselineMs).p50)} ms. ` +
			`The same edits stored one row each (${d.uncompacted.rows.toLocaleString('en')} rows, a log never compacted): the first load took ${ms(d.uncompacted.firstMs)} ms and compacted the log as it loaded, the next ${ms(d.uncompacted.nextMs)} ms.`
	].join('\n');
}

async function run({ dataDir }: BenchContext): Promise<BenchResult> {
	const pinned = hasTaskset() && os.availableParallelism() >= 2;
	const children: Child[] = [];
	const spawn = (script: string, core: number, env: Record<string, string> = {}) => {
		const c = start(script, pinned ? core : null, env);
		children.push(c);
		return c;
	};
	try {
		const editors = String(Math.max(...SIZES));
		const grouped = spawn('minutes-server.ts', 0, {
			DATA_DIR: path.join(dataDir, 'grouped'),
			BENCH_MINUTES_EDITORS: editors
		});
		const single = spawn('minutes-server.ts', 0, {
			DATA_DIR: path.join(dataDir, 'single'),
			BENCH_MINUTES_EDITORS: editors,
			BENCH_COMMIT_BATCH: '1'
		});
		const ref = spawn('minutes-ref.ts', 0);
		const [g, s, r] = await Promise.all([
			message<MinutesServerReady>(grouped, 'minutes-server (grouped)', 120_000),
			message<MinutesServerReady>(single, 'minutes-server (single)', 120_000),
			message<{ port: number }>(ref, 'minutes-ref', 30_000)
		]);
		const runs = await relay({ grouped: g, single: s }, r.port, pinned ? 1 : null);
		for (const c of children.splice(0)) await stop(c);

		const docs = spawn('minutes-docs.ts', 0, { DATA_DIR: path.join(dataDir, 'docs') });
		const d = await message<MinutesDocsResult>(docs, 'minutes-docs', 600_000);
		const figures = [...relayFigures(runs), ...docsFigures(d)];
		const misses = figures.filter((f) => f.met === false).map((f) => `${f.what} (${f.aim})`);
		const markdown = [
			relayMarkdown(runs),
			'',
			groupCommitNote(runs),
			'',
			docsMarkdown(d),
			'',
			misses.length
				? `Missed: ${misses.join('; ')}, at a load average of ${os.loadavg()[0]!.toFixed(1)} on ${os.availableParallelism()} cores. Compare the ratios to the baseline of the same run; on a busy machine the reference and the baseline are slowed as well.`
				: 'Every aim was met.',
			pinned ? '' : '\nServers and generator were NOT pinned to separate cores.'
		].join('\n');
		return { figures, markdown };
	} finally {
		for (const c of children) await stop(c);
	}
}

/** What group commit bought, in words, from the same run. */
function groupCommitNote(runs: Relay[]): string {
	const parts = runs.map((r) => {
		const a = stats(r.samples.grouped!.all);
		const b = stats(r.samples.single!.all);
		const c = r.commits.grouped!;
		return (
			`at ${r.editors} editors p50 ${ms(b.p50)} → ${ms(a.p50)} ms and p99 ${ms(b.p99)} → ${ms(a.p99)} ms, ` +
			`${c.updates.toLocaleString('en')} updates in ${c.commits.toLocaleString('en')} commits (${(c.updates / Math.max(1, c.commits)).toFixed(1)} an fsync)`
		);
	});
	return `What group commit bought (same run, same clients, one commit per update as before versus grouped): ${parts.join('; ')}.`;
}

export const part: BenchPart = {
	describe:
		'minutes co-editing relay at 10 and 50 editors (real `WebsocketProvider` clients, signed in) on Yiting with and without group commit against the in-memory `@y/websocket-server`; server heap per loaded document; load time of a document with 100,000 edits.',
	run
};
