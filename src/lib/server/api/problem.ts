/** RFC 9457 problem details, in the person's language. Never a stack trace. */
import { translate, type Locale, type MessageKey } from '../../i18n';
import type { FieldErrors } from '../errors';

const TITLES: Record<number, MessageKey> = {
	400: 'problem.400',
	401: 'problem.401',
	403: 'problem.403',
	404: 'problem.404',
	409: 'problem.409',
	405: 'problem.405',
	413: 'problem.413',
	415: 'problem.415',
	422: 'problem.422',
	429: 'problem.429',
	500: 'problem.500'
};

export function problem(
	locale: Locale,
	status: number,
	detail: string,
	fields: FieldErrors = {},
	headers: Record<string, string> = {}
): Response {
	const errors = Object.fromEntries(
		Object.entries(fields).map(([field, keys]) => [field, keys.map((k) => translate(locale, k))])
	);
	const body = {
		type: `about:blank`,
		title: translate(locale, TITLES[status] ?? 'problem.500'),
		status,
		detail,
		...(Object.keys(errors).length ? { errors } : {})
	};
	return new Response(JSON.stringify(body), {
		status,
		headers: { 'content-type': 'application/problem+json; charset=utf-8', ...headers }
	});
}
