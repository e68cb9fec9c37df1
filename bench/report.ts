/**
 * Where a run's figures go: BENCHMARKS.md (the newest full run under the introduction), the
 * history (docs/benchmarks-history.md: every earlier run and every run of some parts only), and
 * the raw numbers as JSON (bench/results/<UTC stamp>.json).
 */
import fs from 'node:fs';
import path from 'node:path';
import { machineMarkdown, type Machine } from './machine';
import { summaryTable, withRatios, type PartOutcome } from './summary';

/** BENCHMARKS_FILE: write elsewhere (e.g. when running an older checkout against this file). */
export const BENCHMARKS_MD = path.resolve(process.env.BENCHMARKS_FILE || 'BENCHMARKS.md');
export const HISTORY_MD = path.resolve(
	path.dirname(BENCHMARKS_MD),
	'docs',
	'benchmarks-history.md'
);
const RESULTS_DIR = path.resolve('bench', 'results');

/** Everything below this line in BENCHMARKS.md is the newest full run, written by the runner. */
const LATEST = '<!-- bench:latest (written by npm run bench; earlier runs move to the history) -->';
const PARTS_START = '<!-- bench:parts -->';
const PARTS_END = '<!-- /bench:parts -->';

const HISTORY_HEAD = `# Benchmark history

Every earlier run of \`npm run bench\`, oldest first: full runs once a newer one replaced them in
[BENCHMARKS.md](../BENCHMARKS.md), and runs of some parts only (\`npm run bench -- <part>\`) as
they were made. Runs before the one summary table (December 2026) wrote one section per part.
`;

export interface Run {
	/** UTC, minutes: "2026-12-03 15:04". */
	stamp: string;
	machine: Machine;
	/** Every registered part ran. */
	full: boolean;
	built: boolean;
	note?: string;
	outcomes: PartOutcome[];
}

/** The run as Markdown: dated heading, machine, the summary table, then each part's details. */
export function runMarkdown(run: Run): string {
	const ran = run.outcomes.filter((o) => !o.skipped);
	const skipped = run.outcomes.filter((o) => o.skipped).map((o) => o.name);
	const names = ran.map((o) => o.name).join(', ');
	const out = [
		`## ${run.stamp} UTC — ${run.full ? (skipped.length ? `every part but ${skipped.join(', ')}` : 'every part') : names}`,
		'',
		...(run.note ? [run.note, ''] : []),
		machineMarkdown(run.machine),
		`- Build: \`build/\` ${run.built ? 'built for this run' : 'already fresh'}; each part on its own fresh \`DATA_DIR\``,
		'',
		summaryTable(run.outcomes),
		'',
		'× is the figure over its baseline at p99 (or the one value); a part may judge another percentile, its aim says which. Times in ms unless the unit says otherwise; p50/p95/p99 are nearest-rank.'
	];
	for (const o of run.outcomes.filter((x) => !x.skipped)) {
		out.push('', `### ${o.name} (${o.seconds.toFixed(0)} s)`, '');
		if (o.result) out.push(o.result.markdown.trim());
		else out.push('**Failed:**', '', '```', (o.error ?? 'no result').trim(), '```');
	}
	return out.join('\n') + '\n';
}

async function formatted(file: string, text: string): Promise<string> {
	// Formatted as the rest of the tree, so `npm run lint` (prettier --check) stays green.
	const prettier = await import('prettier');
	const options = (await prettier.resolveConfig(file)) ?? {};
	return prettier.format(text, { ...options, filepath: file });
}

function partsList(describes: Record<string, string>): string {
	return Object.entries(describes)
		.map(([name, d]) => `- **${name}**: ${d}`)
		.join('\n');
}

function appendHistory(section: string): void {
	const before = fs.existsSync(HISTORY_MD) ? fs.readFileSync(HISTORY_MD, 'utf8') : HISTORY_HEAD;
	fs.mkdirSync(path.dirname(HISTORY_MD), { recursive: true });
	fs.writeFileSync(HISTORY_MD, `${before.trimEnd()}\n\n${section.trim()}\n`);
}

/**
 * A full run replaces the newest run in BENCHMARKS.md (which moves to the end of the history);
 * a run of some parts goes to the end of the history. The list of parts is kept current.
 */
export async function writeMarkdown(run: Run, describes: Record<string, string>): Promise<string> {
	const section = runMarkdown(run);
	let text = fs.readFileSync(BENCHMARKS_MD, 'utf8');
	const a = text.indexOf(PARTS_START);
	const b = text.indexOf(PARTS_END);
	if (a >= 0 && b > a)
		text = `${text.slice(0, a + PARTS_START.length)}\n\n${partsList(describes)}\n\n${text.slice(b)}`;
	let i = text.indexOf(LATEST);
	if (i < 0) {
		text = `${text.trimEnd()}\n\n${LATEST}\n`;
		i = text.indexOf(LATEST);
	}
	let target = HISTORY_MD;
	if (run.full) {
		const previous = text.slice(i + LATEST.length).trim();
		if (previous) appendHistory(previous);
		text = `${text.slice(0, i + LATEST.length)}\n\n${section}`;
		target = BENCHMARKS_MD;
	} else appendHistory(section);
	fs.writeFileSync(BENCHMARKS_MD, await formatted(BENCHMARKS_MD, text));
	if (fs.existsSync(HISTORY_MD))
		fs.writeFileSync(HISTORY_MD, await formatted(HISTORY_MD, fs.readFileSync(HISTORY_MD, 'utf8')));
	return target;
}

/** The raw numbers: machine, each part's figures (ratios filled in) or its error. */
export async function writeJson(run: Run, startedAt: Date): Promise<string> {
	fs.mkdirSync(RESULTS_DIR, { recursive: true });
	const file = path.join(
		RESULTS_DIR,
		`${startedAt.toISOString().slice(0, 19).replace(/:/g, '-')}Z.json`
	);
	const json = {
		startedAt: startedAt.toISOString(),
		finishedAt: new Date().toISOString(),
		full: run.full,
		built: run.built,
		note: run.note,
		machine: run.machine,
		parts: Object.fromEntries(
			run.outcomes.map((o) => [
				o.name,
				o.skipped
					? { skipped: true }
					: o.result
						? { ok: true, seconds: o.seconds, figures: withRatios(o.result.figures) }
						: { ok: false, seconds: o.seconds, error: o.error }
			])
		)
	};
	fs.writeFileSync(file, await formatted(file, JSON.stringify(json)));
	return file;
}
