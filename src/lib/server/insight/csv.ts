/**
 * CSV that opens correctly in Excel and WPS: UTF-8 with a byte-order mark (without it Excel
 * reads Chinese as GBK), CRLF line ends, every field quoted, and cells that a spreadsheet would
 * run as a formula (= + - @, tab, carriage return) prefixed with an apostrophe, so a need's title
 * cannot become a formula on a committee member's computer.
 */

export type CsvValue = string | number | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell, quoted; text that a spreadsheet would run as a formula is defused. */
export function csvCell(v: CsvValue): string {
	if (v === null || v === undefined) return '""';
	const text = typeof v === 'number' ? String(v) : FORMULA_START.test(v) ? `'${v}` : v;
	return `"${text.replace(/"/g, '""')}"`;
}

/** A whole file: BOM, the header row, the rows, CRLF after each. */
export function toCsv(head: string[], rows: Iterable<CsvValue[]>): string {
	const lines = [head.map(csvCell).join(',')];
	for (const r of rows) lines.push(r.map(csvCell).join(','));
	return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** The download: a file name people recognise (ASCII fallback plus the UTF-8 form). */
export function csvResponse(fileName: string, body: string): Response {
	const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '');
	return new Response(body, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
			'cache-control': 'private, no-store'
		}
	});
}
