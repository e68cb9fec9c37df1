/**
 * The notice forms' fields as the schemas read them: the reply deadline is typed as wall time in
 * the committee's zone (a datetime-local field); whatever does not read stays as typed, so the
 * schema names the field that is wrong.
 */
import { config } from '../config';
import { dateToWallTime, wallTimeToDate } from '../../time';

export function noticeFormInput(values: Record<string, string>): Record<string, unknown> {
	const replyBy = (values.replyBy ?? '').trim();
	return {
		taskId: values.taskId ?? '',
		unitId: values.unitId ?? '',
		text: values.text ?? '',
		replyBy: replyBy ? (wallTimeToDate(replyBy, config.timeZone) ?? 'invalid') : ''
	};
}

/** A reply deadline to offer: three days from now, on the hour. */
export function defaultReplyBy(now = new Date()): string {
	return (
		dateToWallTime(new Date(now.getTime() + 3 * 86_400_000), config.timeZone).slice(0, 14) + '00'
	);
}

/** Where a reply form sends the person back: a page of Yiting's own, never elsewhere. */
export function backTo(value: string | undefined, fallback: string): string {
	return value && /^\/(tasks|notices|supervision)(\/[\w-]*)*$/.test(value) ? value : fallback;
}
