/**
 * Times as people read them: in the committee's time zone (TIME_ZONE, default Asia/Shanghai),
 * the same on the server and in every browser, so pages render alike wherever they run.
 */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

export function formatDateTime(
	d: Date,
	locale: string,
	timeZone: string,
	opts: Intl.DateTimeFormatOptions = {}
): string {
	return d.toLocaleString(locale, {
		timeZone,
		year: 'numeric',
		month: 'numeric',
		day: 'numeric',
		hour: '2-digit',
		minute: '2-digit',
		...opts
	});
}

export function formatDate(
	d: Date,
	locale: string,
	timeZone: string,
	opts: Intl.DateTimeFormatOptions = {}
): string {
	return d.toLocaleDateString(locale, { timeZone, ...opts });
}

export function formatTime(d: Date, locale: string, timeZone: string): string {
	return d.toLocaleTimeString(locale, { timeZone, hour: '2-digit', minute: '2-digit' });
}

/** The wall-clock parts of `d` in `timeZone`. */
export function zonedParts(d: Date, timeZone: string) {
	const parts = Object.fromEntries(
		new Intl.DateTimeFormat('en-US', {
			timeZone,
			hourCycle: 'h23',
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			second: '2-digit'
		})
			.formatToParts(d)
			.map((p) => [p.type, p.value])
	);
	return {
		year: +parts.year!,
		month: +parts.month!,
		day: +parts.day!,
		hour: +parts.hour!,
		minute: +parts.minute!,
		second: +parts.second!
	};
}

/** `2026-12-03T14:30` as wall time in `timeZone` → the instant. */
export function wallTimeToDate(local: string, timeZone: string): Date | null {
	const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
	if (!m) return null;
	const asUtc = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!);
	// The zone's offset at that moment (two passes settle daylight-saving edges).
	let t = asUtc;
	for (let i = 0; i < 2; i++) {
		const p = zonedParts(new Date(t), timeZone);
		const offset = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - t;
		t = asUtc - offset;
	}
	return new Date(t);
}

/** The instant as `YYYY-MM-DDTHH:mm` wall time in `timeZone` (for datetime-local inputs). */
export function dateToWallTime(d: Date, timeZone: string): string {
	const p = zonedParts(d, timeZone);
	const two = (n: number) => String(n).padStart(2, '0');
	return `${p.year}-${two(p.month)}-${two(p.day)}T${two(p.hour)}:${two(p.minute)}`;
}
