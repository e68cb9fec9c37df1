/** Times as notifications carry them: plain `2026-12-04 18:00` in the committee's time zone, readable in both languages. */
import { config } from '../config';

const fmt = new Intl.DateTimeFormat('sv-SE', {
	timeZone: config.timeZone,
	year: 'numeric',
	month: '2-digit',
	day: '2-digit',
	hour: '2-digit',
	minute: '2-digit',
	hour12: false
});

export const plainTime = (d: Date) => fmt.format(d);

export const HOUR = 3_600_000;
