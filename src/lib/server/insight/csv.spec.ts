import { describe, expect, it } from 'vitest';
import { csvCell, csvResponse, toCsv } from './csv';

describe('CSV for Excel and WPS', () => {
	it('starts with a UTF-8 byte-order mark and ends every row with CRLF', () => {
		const text = toCsv(['单位', '任务'], [['和平里社区', 3]]);
		expect(text.charCodeAt(0)).toBe(0xfeff);
		expect(Buffer.from(text, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
		expect(text.slice(1)).toBe('"单位","任务"\r\n"和平里社区","3"\r\n');
	});

	it('quotes every field, doubling quotes, and keeps commas and line breaks inside', () => {
		expect(csvCell('说"好"的,事\n情')).toBe('"说""好""的,事\n情"');
		expect(csvCell(null)).toBe('""');
		expect(csvCell(undefined)).toBe('""');
		expect(csvCell(0)).toBe('"0"');
	});

	it('defuses cells a spreadsheet would run as a formula', () => {
		for (const bad of ['=HYPERLINK("http://x")', '+1+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1'])
			expect(csvCell(bad), bad).toBe(`"'${bad.replace(/"/g, '""')}"`);
		// Numbers are numbers, even negative; words are left as they are.
		expect(csvCell(-5)).toBe('"-5"');
		expect(csvCell('楼道=照明')).toBe('"楼道=照明"');
	});

	it('is sent as a UTF-8 CSV attachment with its name', async () => {
		const r = csvResponse('任务.csv', toCsv(['a'], []));
		expect(r.headers.get('content-type')).toBe('text/csv; charset=utf-8');
		expect(r.headers.get('content-disposition')).toContain(
			`filename*=UTF-8''${encodeURIComponent('任务.csv')}`
		);
		expect(new Uint8Array(await r.arrayBuffer()).subarray(0, 3)).toEqual(
			new Uint8Array([0xef, 0xbb, 0xbf])
		);
	});
});
