import { error, type RequestHandler } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { meetingIcs } from '$lib/server/meetings/calendar';
import { AppError } from '$lib/server/errors';
import { translate } from '$lib/i18n';

/** One meeting as an `.ics` file, for those who may see it. */
export const GET: RequestHandler = ({ locals, params, url }) => {
	if (!locals.actor) error(401, translate(locals.locale, 'error.401.title'));
	try {
		const body = meetingIcs(getDb(), locals.actor, params.id!, url.origin, locals.locale);
		return new Response(body, { headers: { 'content-type': 'text/calendar; charset=utf-8', 'content-disposition': `attachment; filename="meeting-${params.id}.ics"` } });
	} catch (err) {
		if (err instanceof AppError) error(404, translate(locals.locale, 'error.404.title'));
		throw err;
	}
};
