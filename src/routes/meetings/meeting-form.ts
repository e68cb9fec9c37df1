/** Reading the meeting form: times are wall time in the committee's time zone, lists are repeated fields. */
import { config } from '$lib/server/config';
import { wallTimeToDate } from '$lib/time';

export function meetingFormValues(
	values: Record<string, string>,
	form: FormData
): Record<string, unknown> {
	const out: Record<string, unknown> = { ...values };
	for (const k of ['startsLocal', 'endsLocal']) delete out[k];
	out.startsAt = wallTimeToDate(values.startsLocal ?? '', config.timeZone) ?? undefined;
	out.endsAt = wallTimeToDate(values.endsLocal ?? '', config.timeZone) ?? undefined;
	out.unitIds = form.getAll('unitIds').filter((v) => typeof v === 'string');
	// Communities and whether residents may ask to speak belong to a public meeting only (their
	// fields stay in the form, hidden by CSS, otherwise). A checkbox is sent only when ticked.
	const isPublic = values.visibility === 'public';
	out.communityIds = isPublic
		? form.getAll('communityIds').filter((v) => typeof v === 'string')
		: [];
	out.residentsMaySpeak = isPublic && form.has('residentsMaySpeak');
	return out;
}
