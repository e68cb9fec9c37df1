/**
 * The one summary table over every part's figures, and the ratio each row is judged by.
 */
import type { BenchResult, Figure, Measure } from './part';

/** What one part gave back to the runner: its result, or why it has none. */
export interface PartOutcome {
	name: string;
	/** Wall time of the part, including its seeding. */
	seconds: number;
	result?: BenchResult;
	error?: string;
	/** Left out of this run on purpose (`--skip=`). */
	skipped?: boolean;
}

/** Figure ÷ baseline at p99, or at value when the figure is one number. */
export function ratioOf(f: Figure): number | undefined {
	if (f.ratio !== undefined) return f.ratio;
	const b = f.baseline;
	if (!b) return undefined;
	if (f.p99 !== undefined && b.p99 !== undefined && b.p99 > 0) return f.p99 / b.p99;
	if (f.value !== undefined && b.value !== undefined && b.value > 0) return f.value / b.value;
	return undefined;
}

export const num = (x: number | undefined): string =>
	x === undefined || Number.isNaN(x)
		? '–'
		: Math.abs(x) >= 100
			? x.toFixed(0)
			: Math.abs(x) >= 10
				? x.toFixed(1)
				: x.toFixed(2);

/** "p50 / p95 / p99", or the one value. */
export function measureCell(m: Measure): string {
	if (m.p50 !== undefined || m.p95 !== undefined || m.p99 !== undefined)
		return `${num(m.p50)} / ${num(m.p95)} / ${num(m.p99)}`;
	return num(m.value);
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

const HEAD = [
	'| part | what | unit | p50 / p95 / p99 or value | baseline | baseline p50 / p95 / p99 or value | × (p99 or value) | aim | met |',
	'| --- | --- | --- | ---: | --- | ---: | ---: | --- | :---: |'
];

function figureRow(part: string, f: Figure): string {
	const r = ratioOf(f);
	const met = f.met === undefined ? '' : f.met ? 'yes' : '**missed**';
	return `| ${part} | ${cell(f.what)} | ${f.unit} | ${measureCell(f)} | ${cell(f.baseline?.what ?? '')} | ${f.baseline ? measureCell(f.baseline) : ''} | ${r === undefined ? '' : `${num(r)}×`} | ${cell(f.aim ?? '')} | ${met} |`;
}

/** The summary table: one row per figure, one "failed" row per part that threw. */
export function summaryTable(outcomes: PartOutcome[]): string {
	const rows = outcomes.flatMap((o) => {
		if (o.skipped) return [`| ${o.name} | skipped in this run (--skip) | | | | | | | |`];
		if (o.error || !o.result)
			return [
				`| ${o.name} | failed: ${cell((o.error ?? 'no result').split('\n')[0]!.slice(0, 200))} | | | | | | | **failed** |`
			];
		if (!o.result.figures.length) return [`| ${o.name} | (no figures) | | | | | | | |`];
		return o.result.figures.map((f) => figureRow(o.name, f));
	});
	return [...HEAD, ...rows].join('\n');
}

/** Figures with their computed ratio, for the JSON file. */
export function withRatios(figures: Figure[]): Figure[] {
	return figures.map((f) => ({ ...f, ratio: ratioOf(f) }));
}
