/**
 * The dispatch form's fields read into what `taskInputSchema` checks: the deadline as a date and
 * a time of day in the committee's zone, the co-units and needs as checkboxes. What does not read
 * is passed on so that the schema names the field (an unreadable deadline becomes an invalid date).
 */
import { wallTimeToDate } from '$lib/time';

const strings = (form: FormData, name: string) =>
	form.getAll(name).filter((v): v is string => typeof v === 'string' && v !== '');

/** `2026-12-10` and `18:00` in `timeZone` → the instant, or null when either does not read. */
export function dueInstant(date: string, time: string, timeZone: string): Date | null {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{2}:\d{2}$/.test(time)) return null;
	return wallTimeToDate(`${date}T${time}`, timeZone);
}

/** A whole number of hours, or 0 (which the schema refuses with "invalid") when it does not read. */
function hours(raw: string | undefined): number | undefined {
	const s = (raw ?? '').trim();
	if (!s) return undefined;
	const n = Number(s);
	return Number.isFinite(n) ? n : 0;
}

export function dispatchInput(
	values: Record<string, string>,
	form: FormData,
	timeZone: string
): Record<string, unknown> {
	const due = dueInstant(values.dueDate ?? '', values.dueTime ?? '', timeZone);
	return {
		title: values.title ?? '',
		description: values.description ?? '',
		resolutionId: values.resolutionId || undefined,
		// The form lists the needs to link: none ticked means none, not "the resolution's".
		needIds: strings(form, 'needIds'),
		leadUnitId: values.leadUnitId ?? '',
		coUnitIds: strings(form, 'coUnitIds'),
		dueAt: due ?? 'invalid',
		acceptHours: hours(values.acceptHours)
	};
}
