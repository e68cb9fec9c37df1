/**
 * Pages and files answer a service's refusal the same way everywhere: "not found" is the 404
 * page, "forbidden" the 403 page, each titled in the person's language; someone who may know a
 * meeting exists can be told why they are refused (a `refusal` message) instead of "no such
 * page". The HTTP API has its own mapping to problem+json (api/endpoint.ts).
 */
import { error } from '@sveltejs/kit';
import { translate, type Locale, type MessageKey } from '../../i18n';
import { AppError } from '../errors';

/**
 * Run `fn` (a page's load or a file's body, sync or async); an AppError it throws becomes the
 * matching error page. `refusal`, asked only for "not found", may name why to say instead.
 */
export function orErrorPage<T>(locale: Locale, fn: () => T, refusal?: () => MessageKey | null): T {
	try {
		const out = fn();
		return (
			out instanceof Promise ? out.catch((err: unknown) => errorPage(locale, err, refusal)) : out
		) as T;
	} catch (err) {
		return errorPage(locale, err, refusal);
	}
}

function errorPage(locale: Locale, err: unknown, refusal?: () => MessageKey | null): never {
	if (!(err instanceof AppError)) throw err;
	const why = err.status === 404 ? refusal?.() : null;
	if (why) error(403, translate(locale, why));
	if (err.status === 404) error(404, translate(locale, 'error.404.title'));
	if (err.status === 403) error(403, translate(locale, 'error.403.title'));
	if (err.status === 401) error(401, translate(locale, 'error.401.title'));
	error(err.status, translate(locale, err.key, err.params));
}

/** A page only some may open: the 403 page (with `key` to say why) unless `allowed`. */
export function refuseUnless(
	locale: Locale,
	allowed: boolean,
	key: MessageKey = 'error.403.title'
): void {
	if (!allowed) error(403, translate(locale, key));
}

/** Pages and files for signed-in people only. */
export function requireSignedIn<A>(locale: Locale, actor: A | null | undefined): A {
	if (!actor) error(401, translate(locale, 'error.401.title'));
	return actor;
}
