import { describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import { calendar, fold } from './ics';

describe('iCalendar output', () => {
	const ev = {
		uid: 'abc@yiting',
		sequence: 2,
		start: new Date('2026-12-03T06:30:00Z'),
		end: new Date('2026-12-03T08:00:00Z'),
		summary: '和平街道大工委月度联席会议：停车难, 加装电梯; 垃圾分类\\备注',
		description:
			'议程：\n1. 夜间停车\n2. 加装电梯 — 这一行写得很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长',
		location: '街道办三楼会议室',
		url: 'https://yiting.example.org/meetings/abc',
		status: 'CONFIRMED' as const,
		updated: new Date('2026-11-27T00:00:00Z')
	};

	it('parses in a standard iCalendar parser with the same values', () => {
		const text = calendar('议厅', [ev]);
		const comp = new ICAL.Component(ICAL.parse(text));
		const vevent = comp.getFirstSubcomponent('vevent')!;
		const e = new ICAL.Event(vevent);
		expect(e.uid).toBe('abc@yiting');
		expect(e.summary).toBe(ev.summary);
		expect(e.description).toBe(ev.description);
		expect(e.location).toBe(ev.location);
		expect(e.startDate.toJSDate().getTime()).toBe(ev.start.getTime());
		expect(e.endDate.toJSDate().getTime()).toBe(ev.end.getTime());
		expect(vevent.getFirstPropertyValue('sequence')).toBe(2);
	});

	it('folds lines at 75 octets without splitting characters, with CRLF endings', () => {
		const text = calendar('议厅', [ev]);
		for (const line of text.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
		expect(text.includes('\n') && !/[^\r]\n/.test(text)).toBe(true);
		expect(
			fold('a'.repeat(80))
				.split('\r\n ')
				.map((l) => l.length)
		).toEqual([75, 5]);
	});
});
