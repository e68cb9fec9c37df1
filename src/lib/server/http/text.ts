/**
 * Text Yiting will not store: NUL characters (SQLite keeps them, but C strings, exports and some
 * databases cut the text there) and lone UTF-16 surrogates (not text at all: they cannot be
 * written as UTF-8, so a later export or a peer would silently replace them). Every way in —
 * API bodies and queries, forms, socket events — refuses them before any schema or service sees
 * the input, so no partial write can follow.
 */
import { AppError, type FieldErrors } from '../errors';

// A high surrogate not followed by a low one, or a low one not preceded by a high one.
// eslint-disable-next-line no-control-regex -- finding NUL is the point
const BAD = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function isBadText(s: string): boolean {
	return BAD.test(s);
}

/** Field paths (as `fieldErrors` writes them: `a.b.0`) of every string in `value` that is bad text. */
export function badTextFields(
	value: unknown,
	path: string[] = [],
	out: FieldErrors = {}
): FieldErrors {
	if (typeof value === 'string') {
		if (isBadText(value)) out[path.join('.') || '_'] = ['err.badText'];
	} else if (Array.isArray(value)) {
		value.forEach((v, i) => badTextFields(v, [...path, String(i)], out));
	} else if (value && typeof value === 'object') {
		for (const [k, v] of Object.entries(value)) {
			if (isBadText(k)) out[[...path, '_key'].join('.')] = ['err.badText'];
			badTextFields(v, [...path, k], out);
		}
	}
	return out;
}

/** Throws a 422 with a field error on every bad string in `value`. */
export function refuseBadText(value: unknown): void {
	const fields = badTextFields(value);
	if (Object.keys(fields).length) throw new AppError(422, 'err.validation', fields);
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * A JSON body's value: invalid UTF-8 or invalid JSON is a malformed request (400) — never text
 * repaired with U+FFFD behind the sender's back — and bad text inside it a 422.
 */
export function parseJsonBody(bytes: Uint8Array): unknown {
	let value: unknown;
	try {
		value = JSON.parse(UTF8.decode(bytes));
	} catch {
		throw new AppError(400, 'err.malformed');
	}
	refuseBadText(value);
	return value;
}
