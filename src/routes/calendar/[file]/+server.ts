import { error, type RequestHandler } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { feedIcs } from '$lib/server/meetings/calendar';

/** A person's calendar feed: `/calendar/<secret token>.ics`, for calendar apps (no cookie). */
export const GET: RequestHandler = ({ params, url }) => {
	const token = params.file!.replace(/\.ics$/, '');
	const body = feedIcs(getDb(), token, url.origin);
	if (body === null) error(404, 'Not found');
	return new Response(body, {
		headers: {
			'content-type': 'text/calendar; charset=utf-8',
			'cache-control': 'private, max-age=300'
		}
	});
};
