import { beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { demoDb, type TestDb } from '../seed/test-db';
import { unitStandings } from '../supervision';
import { evaluationView } from './evaluation';
import { standingsCsv } from './standings-csv';
import { insertTask } from './test-fixtures';

const cst = (s: string) => new Date(`${s}+08:00`);
const NOW = cst('2022-12-20T12:00:00');

/** Cells of a CSV this module wrote (every cell quoted, CRLF rows, a BOM first). */
const parse = (text: string) =>
	text
		.slice(1)
		.split('\r\n')
		.filter(Boolean)
		.map((line) => line.slice(1, -1).split('","'));

let t: TestDb;
beforeAll(async () => {
	t = await demoDb();
	// 2022 is this spec's own year: unit 1 on time twice, unit 2 late once.
	for (const day of ['03-01', '04-01'])
		insertTask(t, {
			unit: 1,
			at: cst(`2022-${day}T09:00:00`),
			dueInHours: 48,
			status: 'done',
			acceptedAfterHours: 1,
			doneAfterHours: 24
		});
	insertTask(t, {
		unit: 2,
		at: cst('2022-05-01T09:00:00'),
		dueInHours: 48,
		status: 'done',
		acceptedAfterHours: 30,
		doneAfterHours: 100
	});
});

describe('the standings CSV', () => {
	it('lists every unit as the standings rank them, with each rule’s count and points', () => {
		const admin = t.actor('admin');
		const rows = parse(standingsCsv(t.db, admin, t.committeeId, '2022', 'zh-CN', NOW));
		const { items } = unitStandings(t.db, admin, '2022', { committeeId: t.committeeId, now: NOW });
		expect(rows[0]!.slice(0, 5)).toEqual(['排名', '单位', '积分', '按期办结率（%）', '满意度']);
		expect(rows[0]).toContain('按期办结（次数）');
		expect(rows.slice(1).map((r) => [Number(r[0]), r[1], Number(r[2])])).toEqual(
			items.map((s) => [s.rank, s.unitName, s.points])
		);
		const unit1 = rows.find((r) => r[1] === items.find((s) => s.unitId === t.unitId(1))!.unitName)!;
		const col = rows[0]!.indexOf('按期办结（次数）');
		expect(unit1[col]).toBe('2');
		expect(unit1[col + 1]).toBe('10');
		expect(unit1[3]).toBe('100');
		const unit2 = rows.find((r) => r[1] === items.find((s) => s.unitId === t.unitId(2))!.unitName)!;
		expect(unit2[3]).toBe('0');
	});

	it('speaks English to an English reader', () => {
		const rows = parse(standingsCsv(t.db, t.actor('chair'), t.committeeId, '2022-Q2', 'en', NOW));
		expect(rows[0]!.slice(0, 3)).toEqual(['Rank', 'Unit', 'Points']);
		expect(rows[0]).toContain('Done late or overdue (points)');
	});

	it('is refused to those without the export, and a period that is none is an error', () => {
		expect(() => standingsCsv(t.db, t.actor('liaison1'), t.committeeId, '2022', 'zh-CN')).toThrow(
			expect.objectContaining({ status: 403 })
		);
		let err: unknown;
		try {
			standingsCsv(t.db, t.actor('admin'), t.committeeId, '2022-Q5', 'zh-CN');
		} catch (e) {
			err = e;
		}
		expect(err).toBeInstanceOf(AppError);
		expect((err as AppError).status).toBe(422);
	});
});

describe('the annual evaluation', () => {
	it('carries the year’s unit standings', () => {
		const e = evaluationView(t.db, t.actor('supervisor'), t.committeeId, 2022, {
			locale: 'zh-CN',
			timeZone: 'Asia/Shanghai',
			now: NOW
		});
		const expected = unitStandings(t.db, t.actor('supervisor'), '2022', {
			committeeId: t.committeeId,
			now: NOW
		});
		expect(e.standings?.items).toEqual(expected.items);
		expect(e.standings?.items.find((s) => s.unitId === t.unitId(1))?.onTimeRate).toBe(1);
	});
});
