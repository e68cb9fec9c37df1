/**
 * What is wrong in a step's answers, by the need's own schema. Kept apart from steps.ts so the
 * page loads the schema library only when a resident first presses 下一步, not with the page
 * (it is a third of a phone's first download otherwise); the server imports it directly.
 */
import type { MessageKey } from '$lib/i18n';
import { needInput, proxyNeedInput } from '$lib/shared/schemas/needs';
import { stepOf, type NeedField, type NeedValues } from './steps';

/** What is wrong in the answers of steps 1…`last`, as catalogue keys per field. */
export function check(
	values: NeedValues,
	last: number,
	proxy: boolean
): Partial<Record<NeedField, MessageKey[]>> {
	const r = (proxy ? proxyNeedInput : needInput).safeParse(values);
	const out: Partial<Record<NeedField, MessageKey[]>> = {};
	for (const issue of r.error?.issues ?? []) {
		const field = String(issue.path[0] ?? '') as NeedField;
		if (!field || stepOf(field) > last) continue;
		(out[field] ??= []).push(
			(issue.message.startsWith('err.') ? issue.message : 'err.invalid') as MessageKey
		);
	}
	return out;
}
