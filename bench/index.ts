/**
 * Yiting's benchmarks. `npm run bench` runs every part; `npm run bench -- needs` runs one.
 * `npm run bench -- needs --no-write` prints without appending to BENCHMARKS.md.
 *
 * Each part runs against a fresh database in a temporary DATA_DIR (set here, before any app
 * module is imported, so config, keys and uploads all land there) and returns a Markdown
 * section; the sections are printed and appended to BENCHMARKS.md under a dated heading with
 * the machine they ran on. The temporary directory is deleted afterwards.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import type { BenchPart } from './part';

const PARTS: Record<string, () => Promise<BenchPart>> = {
	needs: async () => (await import('./needs')).part,
	hall: async () => (await import('./hall')).part,
	votes: async () => (await import('./votes')).part,
	tally: async () => (await import('./tally')).part,
	dashboard: async () => (await import('./dashboard')).part,
	minutes: async () => (await import('./minutes')).part
};

/** BENCHMARKS_FILE: write elsewhere (e.g. when running an older checkout against this file). */
const BENCHMARKS_MD = path.resolve(process.env.BENCHMARKS_FILE || 'BENCHMARKS.md');

function sh(cmd: string, args: string[]): string {
	try {
		return execFileSync(cmd, args, { encoding: 'utf8' }).trim();
	} catch {
		return '?';
	}
}

/** The machine, as one Markdown list. */
export function machine(sqliteVersion: string): string {
	const cpu =
		fs.readFileSync('/proc/cpuinfo', 'utf8').match(/^model name\s*:\s*(.+)$/m)?.[1] ??
		os.cpus()[0]?.model ??
		'?';
	const mem =
		sh('free', ['-h'])
			.split('\n')
			.find((l) => l.startsWith('Mem:'))
			?.split(/\s+/)[1] ?? `${Math.round(os.totalmem() / 2 ** 30)}Gi`;
	return [
		`- CPU: ${cpu}, \`nproc\` = ${sh('nproc', [])}`,
		`- Memory (\`free -h\` total): ${mem}`,
		`- Node ${process.version}, SQLite ${sqliteVersion} (better-sqlite3), ${os.type()} ${os.release()}`,
		`- Load average when the part finished (1 / 5 / 15 min): ${os
			.loadavg()
			.map((l) => l.toFixed(2))
			.join(' / ')}`,
		`- Date: ${new Date().toISOString().replace('T', ' ').slice(0, 16)} UTC`
	].join('\n');
}

function intro(parts: Record<string, BenchPart>, sqliteVersion: string): string {
	return `# Benchmarks

Figures measured by \`bench/\`, newest at the bottom. Every run seeds a fresh database in a
temporary \`DATA_DIR\` (deleted afterwards), calls the real service functions in-process (no HTTP,
no server), and times each call with \`process.hrtime.bigint()\`: 20 warm-up calls, then 200 timed
calls, each scenario also bounded by time. p50/p95/p99 are nearest-rank percentiles in
milliseconds.

## What each part measures

${Object.entries(parts)
	.map(([name, p]) => `- **${name}**: ${p.describe}`)
	.join('\n')}

## How to run

\`\`\`sh
npm run bench              # every part
npm run bench -- needs     # one part
npm run bench -- needs --no-write   # print only, do not append here
BENCH_NOTE="why this run" npm run bench -- needs   # a line under the run's heading
\`\`\`

\`BENCH_NEEDS\` (default 100000) and \`BENCH_ITERATIONS\` (default 200) shrink a run for a quick check.

Each run appends its own dated section below, with the machine it ran on.

## The machine of the first run

${machine(sqliteVersion)}
`;
}

async function main() {
	const args = process.argv.slice(2);
	const write = !args.includes('--no-write');
	const names = args.filter((a) => !a.startsWith('--'));
	for (const n of names) {
		if (!PARTS[n]) {
			console.error(`unknown part "${n}"; parts: ${Object.keys(PARTS).join(', ')}`);
			process.exit(2);
		}
	}
	const selected = names.length ? names : Object.keys(PARTS);

	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yiting-bench-'));
	process.env.DATA_DIR = dataDir;
	process.env.LOG_LEVEL ??= 'silent';
	try {
		const all: Record<string, BenchPart> = {};
		for (const n of Object.keys(PARTS)) all[n] = await PARTS[n]!();
		const { default: Database } = await import('better-sqlite3');
		const mem = new Database(':memory:');
		const sqliteVersion = (mem.prepare('select sqlite_version() as v').get() as { v: string }).v;
		mem.close();

		const sections: string[] = [];
		for (const n of selected) {
			const partDir = path.join(dataDir, n);
			fs.mkdirSync(partDir, { recursive: true });
			console.log(`\n== ${n} ==`);
			const body = (await all[n]!.run({ dataDir: partDir, buildDir: path.resolve('build') }))
				.markdown;
			const stamp = new Date().toISOString().replace('T', ' ').slice(0, 16);
			const note = process.env.BENCH_NOTE ? `${process.env.BENCH_NOTE}\n\n` : '';
			sections.push(
				`\n## ${stamp} UTC — ${n}\n\n${note}${machine(sqliteVersion)}\n\n${body.trim()}\n`
			);
		}
		const text = sections.join('');
		console.log(text);
		if (write) {
			if (!fs.existsSync(BENCHMARKS_MD)) fs.writeFileSync(BENCHMARKS_MD, intro(all, sqliteVersion));
			fs.appendFileSync(BENCHMARKS_MD, text);
			// Formatted as the rest of the tree, so `npm run lint` (prettier --check) stays green.
			const prettier = await import('prettier');
			const options = (await prettier.resolveConfig(BENCHMARKS_MD)) ?? {};
			const markdown = fs.readFileSync(BENCHMARKS_MD, 'utf8');
			fs.writeFileSync(
				BENCHMARKS_MD,
				await prettier.format(markdown, { ...options, filepath: BENCHMARKS_MD })
			);
			console.log(`appended to ${path.relative(process.cwd(), BENCHMARKS_MD)}`);
		}
	} finally {
		fs.rmSync(dataDir, { recursive: true, force: true });
	}
}

main().catch((e: unknown) => {
	console.error(e);
	process.exit(1);
});
