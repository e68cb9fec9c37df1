/**
 * Every request: a request id, the session (cookie or bearer token), the person's language and
 * elder mode, the cross-site check for unsafe methods, security headers and one log line.
 */
import type { Handle, HandleServerError, RequestEvent } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { newId } from '$lib/server/db/ids';
import { logger } from '$lib/server/platform/log';
import { config } from '$lib/server/config';
import {
	authenticate,
	loadActor,
	SESSION_COOKIE,
	sessionCookieOptions
} from '$lib/server/auth/session';
import { isAllowedOrigin } from '$lib/server/auth/origin';
import { ELDER_COOKIE, LANG_COOKIE } from '$lib/server/auth/cookies';
import { problem } from '$lib/server/api/problem';
import { DEFAULT_LOCALE, isLocale, translate } from '$lib/i18n';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const DOCUMENT_CSP =
	"default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; form-action 'none'; base-uri 'none'";

function sameOrigin(request: Request, expected: string): boolean {
	const origin = request.headers.get('origin');
	if (origin) return isAllowedOrigin(origin, expected, config.origins);
	return request.headers.get('sec-fetch-site') === 'same-origin';
}

export const handle: Handle = async ({ event, resolve }) => {
	const started = performance.now();
	const given = event.request.headers.get('x-request-id');
	const requestId = given && /^[\w.-]{1,64}$/.test(given) ? given : newId();
	event.locals.requestId = requestId;

	const db = getDb();
	const authorization = event.request.headers.get('authorization');
	const auth = authenticate(
		db,
		{ cookie: event.request.headers.get('cookie'), authorization },
		{ seen: true }
	);
	event.locals.user = auth?.user ?? null;
	event.locals.session = auth?.session ?? null;
	event.locals.tokenId = auth?.tokenId ?? null;
	event.locals.actor = auth ? loadActor(db, auth.user.id) : null;
	if (!auth && event.cookies.get(SESSION_COOKIE))
		event.cookies.delete(SESSION_COOKIE, { path: '/' });
	if (auth?.session) {
		// Keep the cookie's expiry in step with the sliding session.
		const token = event.cookies.get(SESSION_COOKIE);
		if (token)
			event.cookies.set(
				SESSION_COOKIE,
				token,
				sessionCookieOptions(event.url.protocol === 'https:', auth.session.expiresAt)
			);
	}

	const langCookie = event.cookies.get(LANG_COOKIE);
	event.locals.locale = isLocale(auth?.user.locale)
		? auth.user.locale
		: isLocale(langCookie)
			? langCookie
			: DEFAULT_LOCALE;
	event.locals.elderMode = auth ? auth.user.elderMode : event.cookies.get(ELDER_COOKIE) === '1';

	let response: Response;
	// Cookie-authenticated unsafe requests must come from Yiting's own pages, whatever their content type.
	if (
		UNSAFE.has(event.request.method) &&
		!auth?.tokenId &&
		!sameOrigin(event.request, event.url.origin)
	) {
		const detail = translate(event.locals.locale, 'err.crossSite');
		response = event.url.pathname.startsWith('/api/')
			? problem(event.locals.locale, 403, detail)
			: new Response(detail, {
					status: 403,
					headers: { 'content-type': 'text/plain; charset=utf-8' }
				});
	} else {
		response = await resolve(event, {
			transformPageChunk: ({ html }) =>
				html
					.replace('%yt.lang%', event.locals.locale)
					.replace('%yt.class%', event.locals.elderMode ? 'elder' : '')
		});
	}

	if (event.url.pathname.startsWith('/api/')) response = asProblem(event, response);

	response.headers.set('x-request-id', requestId);
	response.headers.set('x-content-type-options', 'nosniff');
	// Also keeps a reset link's secret (in its path) from other sites. Not `no-referrer`: with it,
	// browsers send `Origin: null` on form posts, which the cross-site check rightly refuses.
	response.headers.set('referrer-policy', 'same-origin');
	if (!response.headers.has('x-frame-options')) response.headers.set('x-frame-options', 'DENY');
	// Pages carry SvelteKit's nonce policy (svelte.config.js); other HTML or SVG (an export, a
	// file) runs no script at all.
	if (
		!response.headers.has('content-security-policy') &&
		/^(text\/html|image\/svg\+xml)/.test(response.headers.get('content-type') ?? '')
	)
		response.headers.set('content-security-policy', DOCUMENT_CSP);
	logger.info(
		{
			reqId: requestId,
			method: event.request.method,
			// Calendar feed and password-reset URLs carry a secret: keep it out of the logs.
			path: event.url.pathname.replace(/^\/(calendar|reset)\/[^/]+$/, '/$1/***'),
			status: response.status,
			ms: Math.round((performance.now() - started) * 10) / 10,
			userId: auth?.user.id
		},
		'request'
	);
	return response;
};

/**
 * SvelteKit answers some API errors itself in plain text (405 for a method a route does not
 * export, 400/404 it decides before any endpoint runs): API clients get problem+json for every
 * error, with the Allow header kept.
 */
function asProblem(event: RequestEvent, response: Response): Response {
	const type = response.headers.get('content-type') ?? '';
	if (response.status < 400 || /json/.test(type)) return response;
	const locale = event.locals.locale;
	const detail =
		response.status === 405
			? translate(locale, 'err.methodNotAllowed', { method: event.request.method })
			: response.status === 404
				? translate(locale, 'err.notFound')
				: translate(locale, response.status >= 500 ? 'err.internal' : 'err.malformed');
	const allow = response.headers.get('allow');
	return problem(locale, response.status, detail, {}, allow ? { allow } : {});
}

export const handleError: HandleServerError = ({ error, event, status, message }) => {
	if (status >= 500)
		logger.error(
			{ err: error, reqId: event.locals.requestId, path: event.url.pathname },
			'unhandled error'
		);
	const locale = event.locals.locale ?? DEFAULT_LOCALE;
	return {
		message:
			status === 404
				? translate(locale, 'error.404.title')
				: status >= 500
					? translate(locale, 'error.500.title')
					: message,
		requestId: event.locals.requestId
	};
};
