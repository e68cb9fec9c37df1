/** What every socket acknowledgement carries: a value, or an error with a code and a message in the person's language. */
export type ErrorCode =
	| 'bad_request'
	| 'unauthorized'
	| 'forbidden'
	| 'not_found'
	| 'conflict'
	| 'rate_limited'
	| 'internal';

export type Result<T> =
	{ ok: true; value: T } | { ok: false; error: { code: ErrorCode; message: string } };
