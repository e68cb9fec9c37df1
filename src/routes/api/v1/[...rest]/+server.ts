import type { RequestHandler } from '@sveltejs/kit';
import { problem } from '$lib/server/api/problem';
import { translate } from '$lib/i18n';

/** Unknown API paths answer problem+json, not the HTML 404 page. */
const notFound: RequestHandler = ({ locals }) =>
	problem(locals.locale, 404, translate(locals.locale, 'err.notFound'));
export const GET = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
