/**
 * Money and quarters of the project list (项目清单 · 阳光财务). The database keeps fen (分) as
 * integers so sums stay exact; people type and read yuan (元), and the API answers yuan as a
 * number with at most two decimals (12000.5). Quarters are written `2026-Q4`.
 */
import { QUARTER_PATTERN } from '../tasks/options';

/** `"12000.5"` or `"12,000.50"` → 1200050 fen; null when it is not an amount of yuan. */
export function yuanToFen(input: string | number): number | null {
	const s = String(input)
		.trim()
		.replace(/[,，\s]/g, '');
	const m = /^(\d{1,10})(?:\.(\d{1,2}))?$/.exec(s);
	if (!m) return null;
	// Read digits, never through a float: 0.1 + 0.2 must stay 30 fen.
	return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/** 1200050 fen → 12000.5 (yuan, exact to the fen). */
export const fenToYuan = (fen: number): number => Math.round(fen) / 100;

/** 1200050 fen → `12000.50`, as a form field shows it. */
export function fenToYuanText(fen: number): string {
	const sign = fen < 0 ? '-' : '';
	const abs = Math.abs(Math.round(fen));
	return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** Yuan for reading: `¥12,000.50` (zh-CN and en alike write yuan with ¥). */
export function formatYuan(fen: number, locale: string): string {
	return new Intl.NumberFormat(locale, {
		style: 'currency',
		currency: 'CNY',
		minimumFractionDigits: 2,
		maximumFractionDigits: 2
	}).format(fen / 100);
}

export interface Quarter {
	year: number;
	q: 1 | 2 | 3 | 4;
}

export function parseQuarter(s: string): Quarter | null {
	const m = QUARTER_PATTERN.exec(s);
	return m ? { year: Number(m[1]), q: Number(m[2]) as Quarter['q'] } : null;
}

export const quarterText = ({ year, q }: Quarter) => `${year}-Q${q}`;

/** The quarter of a calendar month (1–12) in a year. */
export const quarterOfMonth = (year: number, month: number): string =>
	quarterText({ year, q: Math.ceil(month / 3) as Quarter['q'] });

/** The quarter `n` quarters after `s` (negative: before). */
export function shiftQuarter(s: string, n: number): string {
	const p = parseQuarter(s);
	if (!p) return s;
	const index = p.year * 4 + (p.q - 1) + n;
	return quarterText({ year: Math.floor(index / 4), q: ((index % 4) + 1) as Quarter['q'] });
}

/** The first and last day (`YYYY-MM-DD`) of a quarter. */
export function quarterDays(s: string): { first: string; last: string } | null {
	const p = parseQuarter(s);
	if (!p) return null;
	const firstMonth = (p.q - 1) * 3 + 1;
	const lastDay = new Date(Date.UTC(p.year, firstMonth + 2, 0)).getUTCDate();
	const mm = (m: number) => String(m).padStart(2, '0');
	return {
		first: `${p.year}-${mm(firstMonth)}-01`,
		last: `${p.year}-${mm(firstMonth + 2)}-${lastDay}`
	};
}
