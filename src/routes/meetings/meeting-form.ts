/** Reading the meeting form: times are wall time in the committee's time zone, lists are repeated fields. */
import { config } from '$lib/server/config';
import { wallTimeToDate } from '$lib/time';

export function meetingFormValues(values: Record<string, string>, form: FormData): Record<string, unknown> {
	const out: Record<string, unknown> = { ...values };
	for (const k of ['startsLocal', 'endsLocal']) delete out[k];
	out.startsAt = wallTimeToDate(values.startsLocal ?? '', config.timeZone) ?? undefined;
	out.endsAt = wallTimeToDate(values.endsLocal ?? '', config.timeZone) ?? undefined;
	out.unitIds = form.getAll('unitIds').filter((v) => typeof v === 'string');
	out.communityIds = form.getAll('communityIds').filter((v) => typeof v === 'string');
	// A checkbox: sent when ticked, absent otherwise (and always off for members-only meetings, where it is not shown).
	out.residentsMaySpeak = values.visibility === 'public' && form.has('residentsMaySpeak');
	return out;
}
