import { describe, expect, it } from 'vitest';
import { lateness, readTaskFilter } from './filter';

const ZONE = 'Asia/Shanghai';
const read = (q: string) => readTaskFilter(new URLSearchParams(q), ZONE);

describe('the task list filter from the URL', () => {
	it('reads statuses given either way, and drops unknown ones', () => {
		expect(read('status=pending&status=done').query.status).toEqual(['pending', 'done']);
		expect(read('status=in_progress,submitted,bogus').query.status).toEqual([
			'in_progress',
			'submitted'
		]);
		expect(read('status=bogus').query.status).toBeUndefined();
		expect(read('status=pending,done').form.status).toBe('pending,done');
	});

	it("takes calendar days in the committee's zone, whole days inclusive", () => {
		const { query } = read('from=2026-12-01&to=2026-12-01');
		expect(query.from?.toISOString()).toBe('2026-11-30T16:00:00.000Z');
		expect(query.to?.toISOString()).toBe('2026-12-01T15:59:59.999Z');
	});

	it('takes ISO times as they are, and leaves out what does not read', () => {
		expect(read('from=2026-10-01T00:00:00Z').query.from?.toISOString()).toBe(
			'2026-10-01T00:00:00.000Z'
		);
		expect(read('from=yesterday').query.from).toBeUndefined();
		expect(read('unit=a%20b').query.unitId).toBeUndefined();
	});

	it('reads the overdue switch as the dashboard and the form write it', () => {
		expect(read('overdue=true').query.overdue).toBe(true);
		expect(read('overdue=on').form.overdue).toBe(true);
		expect(read('overdue=false').query.overdue).toBeUndefined();
	});
});

describe('lateness', () => {
	const now = new Date('2026-12-03T12:00:00Z');
	it('counts hours under two days and whole days beyond', () => {
		expect(lateness(new Date('2026-12-03T17:30:00Z'), now)).toEqual({
			late: false,
			unit: 'hours',
			n: 5
		});
		expect(lateness(new Date('2026-11-29T12:00:00Z'), now)).toEqual({
			late: true,
			unit: 'days',
			n: 4
		});
	});
});
