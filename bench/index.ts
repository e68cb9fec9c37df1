/**
 * Yiting's benchmarks: `npm run bench` runs every part, `npm run bench -- needs tally` some.
 * `--no-write` prints without writing BENCHMARKS.md, the history or the JSON file;
 * `--skip=hall,…` leaves parts out (their rows say so) of an otherwise full run.
 *
 * The production build is made fresh first (bench/build.ts). Each part then runs in its own
 * process with its own temporary DATA_DIR (deleted afterwards), so config, keys and uploads land
 * there, no part inherits another's memory, and a part that throws or crashes costs only its own
 * row. The runner prints one summary table over every part's figures (bench/part.ts is the
 * contract), writes it with each part's details to BENCHMARKS.md (bench/report.ts) and the raw
 * numbers to bench/results/<UTC stamp>.json.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freshBuild } from './build';
import { machineNow } from './machine';
import type { BenchPart, BenchResult } from './part';
import { runMarkdown, writeJson, writeMarkdown, type Run } from './report';
import { summaryTable, type PartOutcome } from './summary';

/** Every part, in the order a full run takes them. One line each. */
const PARTS: Record<string, () => Promise<BenchPart>> = {
	needs: async () => (await import('./needs')).part,
	pages: async () => (await import('./pages')).part,
	coldstart: async () => (await import('./coldstart')).part,
	hall: async () => (await import('./hall')).part,
	votes: async () => (await import('./votes')).part,
	tally: async () => (await import('./tally')).part,
	dashboard: async () => (await import('./dashboard')).part,
	storms: async () => (await import('./storms')).part,
	minutes: async () => (await import('./minutes')).part
};

/** A part still running after this long is stopped and reported as failed. */
const PART_TIMEOUT_MS = Number(process.env.BENCH_PART_TIMEOUT_S || 1800) * 1000;
const CHILD = 'BENCH_PART_CHILD';
const RESULT_FILE = 'BENCH_RESULT_FILE';

/** In the part's own process: run it and leave its result (or error) in a file for the runner. */
async function child(name: string): Promise<void> {
	const file = process.env[RESULT_FILE]!;
	try {
		const part = await PARTS[name]!();
		const result = await part.run({
			dataDir: process.env.DATA_DIR!,
			buildDir: process.env.BUILD_DIR!
		});
		fs.writeFileSync(file, JSON.stringify(result));
	} catch (e) {
		fs.writeFileSync(
			file,
			JSON.stringify({ error: e instanceof Error ? (e.stack ?? e.message) : String(e) })
		);
	}
	// Parts may leave handles (pools, timers) open: the result is written, so the process is done.
	process.exit(0);
}

/** Run one part in a child process on a fresh DATA_DIR; its output streams through. */
async function runPart(name: string, buildDir: string): Promise<PartOutcome> {
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `yiting-bench-${name}-`));
	const resultFile = path.join(dataDir, 'result.json');
	const t0 = performance.now();
	console.log(`\n== ${name} ==`);
	try {
		const proc = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', 'bench/index.ts'], {
			env: {
				...process.env,
				[CHILD]: name,
				[RESULT_FILE]: resultFile,
				DATA_DIR: path.join(dataDir, 'data'),
				BUILD_DIR: buildDir,
				LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent'
			},
			// Its own process group, so a part that hangs is stopped with every server it started.
			detached: true,
			stdio: 'inherit'
		});
		fs.mkdirSync(path.join(dataDir, 'data'));
		const stopGroup = () => {
			try {
				process.kill(-proc.pid!, 'SIGKILL');
			} catch {
				// already gone
			}
		};
		// Ctrl-C ends the run: the part's group goes with it (it is detached, so it would not hear).
		const interrupt = () => {
			stopGroup();
			fs.rmSync(dataDir, { recursive: true, force: true });
			process.exit(130);
		};
		process.once('SIGINT', interrupt);
		const timer = setTimeout(stopGroup, PART_TIMEOUT_MS);
		const exit = await new Promise<string>((resolve) =>
			proc.on('exit', (code, signal) => resolve(signal ? `signal ${signal}` : `exit code ${code}`))
		);
		clearTimeout(timer);
		process.off('SIGINT', interrupt);
		// Whatever the part started and left behind goes with it.
		stopGroup();
		const seconds = (performance.now() - t0) / 1000;
		if (!fs.existsSync(resultFile))
			return { name, seconds, error: `the part's process ended (${exit}) without a result` };
		const got = JSON.parse(fs.readFileSync(resultFile, 'utf8')) as BenchResult | { error: string };
		return 'error' in got ? { name, seconds, error: got.error } : { name, seconds, result: got };
	} finally {
		fs.rmSync(dataDir, { recursive: true, force: true });
	}
}

function parseArgs(): { names: string[]; skipped: string[]; write: boolean } {
	const args = process.argv.slice(2);
	const skipped = args
		.filter((a) => a.startsWith('--skip='))
		.flatMap((a) => a.slice('--skip='.length).split(','))
		.filter(Boolean);
	const asked = args.filter((a) => !a.startsWith('--'));
	for (const n of [...asked, ...skipped]) {
		if (!PARTS[n]) {
			console.error(`unknown part "${n}"; parts: ${Object.keys(PARTS).join(', ')}`);
			process.exit(2);
		}
	}
	const names = (asked.length ? asked : Object.keys(PARTS)).filter((n) => !skipped.includes(n));
	return { names, skipped, write: !args.includes('--no-write') };
}

async function main(): Promise<void> {
	const { names, skipped, write } = parseArgs();
	const startedAt = new Date();
	const machine = await machineNow();
	const { buildDir, built } = freshBuild();
	const outcomes: PartOutcome[] = [];
	for (const name of Object.keys(PARTS)) {
		if (names.includes(name)) outcomes.push(await runPart(name, buildDir));
		else if (skipped.includes(name)) outcomes.push({ name, seconds: 0, skipped: true });
	}
	machine.loadEnd = os.loadavg().map((l) => Math.round(l * 100) / 100);
	const run: Run = {
		stamp: startedAt.toISOString().replace('T', ' ').slice(0, 16),
		machine,
		// Every part ran or was left out on purpose (--skip=…, said in its row).
		full: names.length + skipped.length === Object.keys(PARTS).length,
		built,
		note: process.env.BENCH_NOTE,
		outcomes
	};
	console.log(`\n${summaryTable(outcomes)}\n`);
	if (!write) {
		console.log(runMarkdown(run));
		return;
	}
	// The raw numbers first: nothing after this can lose them.
	const json = await writeJson(run, startedAt);
	const describes: Record<string, string> = {};
	for (const [n, load] of Object.entries(PARTS))
		describes[n] = await load().then(
			(p) => p.describe,
			() => '(its module did not load in this run)'
		);
	const md = await writeMarkdown(run, describes);
	console.log(
		`written: ${path.relative(process.cwd(), md)}, ${path.relative(process.cwd(), json)}`
	);
}

const childName = process.env[CHILD];
(childName ? child(childName) : main()).catch((e: unknown) => {
	console.error(e);
	process.exit(1);
});
