import { describe, expect, it } from 'vitest';
import { dateToWallTime, formatTime, wallTimeToDate } from './time';

describe('committee time zone', () => {
	it('reads and writes wall time in Asia/Shanghai', () => {
		const d = wallTimeToDate('2026-12-03T14:30', 'Asia/Shanghai')!;
		expect(d.toISOString()).toBe('2026-12-03T06:30:00.000Z');
		expect(dateToWallTime(d, 'Asia/Shanghai')).toBe('2026-12-03T14:30');
		expect(formatTime(d, 'en-GB', 'Asia/Shanghai')).toBe('14:30');
	});
	it('handles zones with daylight saving', () => {
		const d = wallTimeToDate('2026-07-01T09:00', 'Europe/Berlin')!;
		expect(d.toISOString()).toBe('2026-07-01T07:00:00.000Z');
		expect(wallTimeToDate('nonsense', 'Asia/Shanghai')).toBeNull();
	});
});
