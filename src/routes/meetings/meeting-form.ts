/** Reading the meeting form: times are wall time in the committee's time zone, lists are repeated fields. */
import { config } from '$lib/server/config';
import { wallTimeToDate } from '$lib/time';

export function meetingFormValues(values: Record<string, string>, form: FormData): Record<string, unknown> {
	const out: Record<string, unknown> = { ...values };
	for (const k of ['startsLocal', 'endsLocal']) delete out[k];
	out.startsAt = wallTimeToDate(values.startsLocal ?? '', config.timeZone) ?? undefined;
	out.endsAt = wallTimeToDate(values.endsLocal ?? '', config.timeZone) ?? undefined;
	out.unitIds = form.getAll('unitIds').filter((v) => typeof v === 'string');
	// Communities are kept only for a public meeting (their boxes stay in the form, hidden, otherwise).
	out.communityIds = values.visibility === 'public' ? form.getAll('communityIds').filter((v) => typeof v === 'string') : [];
	return out;
}
