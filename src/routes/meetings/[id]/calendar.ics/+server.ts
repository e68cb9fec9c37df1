import { type RequestHandler } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { orErrorPage, requireSignedIn } from '$lib/server/http/pages';
import { meetingIcs } from '$lib/server/meetings/calendar';

/** One meeting as an `.ics` file, for those who may see it. */
export const GET: RequestHandler = ({ locals, params, url }) => {
	const actor = requireSignedIn(locals.locale, locals.actor);
	return orErrorPage(locals.locale, () => {
		const body = meetingIcs(getDb(), actor, params.id!, url.origin, locals.locale);
		return new Response(body, {
			headers: {
				'content-type': 'text/calendar; charset=utf-8',
				'content-disposition': `attachment; filename="meeting-${params.id}.ics"`
			}
		});
	});
};
