/**
 * Domain errors. Services throw `AppError`; each entry point turns it into its own shape:
 * `fail()` with field messages in form actions, problem+json on the API, an error ack on
 * sockets. Messages are catalogue keys, translated at the edge into the person's language.
 */
import type { z } from 'zod';
import type { MessageKey } from '../i18n';
import type { ErrorCode } from '../shared/result';

export type FieldErrors = Record<string, MessageKey[]>;

export class AppError extends Error {
	constructor(
		readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 422 | 429,
		readonly key: MessageKey,
		readonly fields: FieldErrors = {},
		readonly params: Record<string, string | number> = {}
	) {
		super(key);
	}

	get code(): ErrorCode {
		return STATUS_CODES[this.status];
	}
}

const STATUS_CODES: Record<AppError['status'], ErrorCode> = {
	400: 'bad_request',
	401: 'unauthorized',
	403: 'forbidden',
	404: 'not_found',
	409: 'conflict',
	413: 'bad_request',
	422: 'bad_request',
	429: 'rate_limited'
};

export const forbidden = () => new AppError(403, 'err.forbidden');
export const notFound = () => new AppError(404, 'err.notFound');

/** Zod issues → field errors. Schemas use catalogue keys as their messages. */
export function fieldErrors(error: z.ZodError): FieldErrors {
	const out: FieldErrors = {};
	for (const issue of error.issues) {
		const field = issue.path.join('.') || '_';
		const key = (issue.message.startsWith('err.') ? issue.message : 'err.invalid') as MessageKey;
		(out[field] ??= []).push(key);
	}
	return out;
}

/** Parse input with a schema, throwing a 422 AppError with field messages when it does not fit. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
	const r = schema.safeParse(input);
	if (!r.success) throw new AppError(422, 'err.validation', fieldErrors(r.error));
	return r.data;
}

/** Seconds a 429 asks the caller to wait: exact when the service knows, else its minutes. */
export function retryAfterSeconds(err: AppError): number {
	return Number(err.params.seconds ?? Number(err.params.minutes ?? 1) * 60);
}
