/**
 * iCalendar (RFC 5545) for meetings: one `.ics` per meeting and a personal feed. Lines end in
 * CRLF and are folded at 75 octets (never inside a UTF-8 character); text is escaped.
 */
export interface IcsEvent {
	uid: string;
	sequence: number;
	start: Date;
	end: Date;
	summary: string;
	description?: string;
	location?: string;
	url?: string;
	status: 'CONFIRMED' | 'TENTATIVE' | 'CANCELLED';
	updated: Date;
}

export function escapeText(s: string): string {
	return s
		.replace(/\\/g, '\\\\')
		.replace(/;/g, '\\;')
		.replace(/,/g, '\\,')
		.replace(/\r?\n/g, '\\n');
}

const stamp = (d: Date) =>
	d
		.toISOString()
		.replace(/[-:]/g, '')
		.replace(/\.\d{3}/, '');

/** Fold a content line at 75 octets without splitting a UTF-8 sequence. */
export function fold(line: string): string {
	const out: string[] = [];
	let current = '';
	let bytes = 0;
	for (const ch of line) {
		const n = Buffer.byteLength(ch);
		const limit = out.length === 0 ? 75 : 74; // continuation lines start with a space
		if (bytes + n > limit) {
			out.push(current);
			current = '';
			bytes = 0;
		}
		current += ch;
		bytes += n;
	}
	out.push(current);
	return out.join('\r\n ');
}

export function calendar(name: string, events: IcsEvent[], now = new Date()): string {
	const lines = [
		'BEGIN:VCALENDAR',
		'VERSION:2.0',
		'PRODID:-//Yiting//Yiting 议厅//ZH',
		'CALSCALE:GREGORIAN',
		'METHOD:PUBLISH',
		`X-WR-CALNAME:${escapeText(name)}`
	];
	for (const e of events) {
		lines.push(
			'BEGIN:VEVENT',
			`UID:${e.uid}`,
			`SEQUENCE:${e.sequence}`,
			`DTSTAMP:${stamp(now)}`,
			`LAST-MODIFIED:${stamp(e.updated)}`,
			`DTSTART:${stamp(e.start)}`,
			`DTEND:${stamp(e.end)}`,
			`SUMMARY:${escapeText(e.summary)}`,
			`STATUS:${e.status}`
		);
		if (e.description) lines.push(`DESCRIPTION:${escapeText(e.description)}`);
		if (e.location) lines.push(`LOCATION:${escapeText(e.location)}`);
		if (e.url) lines.push(`URL:${e.url}`);
		lines.push('END:VEVENT');
	}
	lines.push('END:VCALENDAR');
	return lines.map(fold).join('\r\n') + '\r\n';
}
