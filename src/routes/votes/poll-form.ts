/**
 * The new-poll form's fields read into what `voteInputSchema` checks: one option per line, a
 * quorum as a head count or a percentage, the end as wall-clock time in the committee's zone.
 * Whatever does not read as a number stays as typed, so the schema names the field that is wrong.
 */
import { wallTimeToDate } from '$lib/time';

const blankless = (s: string | undefined) => (s ?? '').trim();

function quorumOf(kind: string, raw: string): unknown {
	if (!raw) return undefined;
	const n = Number(raw);
	if (!Number.isFinite(n)) return raw;
	// A percentage becomes an exact share (55% → 55/100 or more).
	if (kind === 'share')
		return { kind: 'share', numerator: n, denominator: 100, comparison: 'at-least' };
	return n;
}

/** The form's values as the vote input schema reads them (a poll: no meeting). */
export function pollInput(
	values: Record<string, string>,
	form: FormData,
	timeZone: string
): Record<string, unknown> {
	const method = values.method ?? '';
	const options = blankless(values.options)
		.split('\n')
		.map((l) => l.trim())
		.filter(Boolean)
		.map((label) => ({ label }));
	const maxChoices = blankless(values.maxChoices);
	const closes = blankless(values.closesAt);
	return {
		title: values.title ?? '',
		meetingId: null,
		method,
		options: method === 'yna' ? undefined : options,
		maxChoices: method === 'multiple' && maxChoices ? Number(maxChoices) : undefined,
		secret: values.kind === 'secret',
		trackingCodes: values.trackingCodes === 'on',
		liveResults: false,
		electorate: values.electorate ?? '',
		communityIds:
			values.electorate === 'residents'
				? form.getAll('communityIds').filter((c): c is string => typeof c === 'string')
				: undefined,
		quorum: quorumOf(values.quorumKind ?? 'count', blankless(values.quorum)),
		threshold: method === 'yna' && values.threshold ? values.threshold : undefined,
		closesAt: closes ? (wallTimeToDate(closes, timeZone) ?? 'invalid') : undefined
	};
}

/** Field messages as the form shows them: an option's or a quorum's part goes to its field. */
export function formErrors(errors: Record<string, string[]>): Record<string, string[]> {
	const out: Record<string, string[]> = {};
	for (const [key, list] of Object.entries(errors)) {
		const field = key.split('.')[0]!;
		out[field] = [...new Set([...(out[field] ?? []), ...list])];
	}
	return out;
}
