import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db';
import { fileResponse } from '$lib/server/http/files';
import { orErrorPage, requireSignedIn } from '$lib/server/http/pages';
import { docxFile } from '$lib/server/minutes/export';

export const GET: RequestHandler = ({ locals, params }) => {
	const actor = requireSignedIn(locals.locale, locals.actor);
	return orErrorPage(locals.locale, async () =>
		fileResponse(await docxFile(getDb(), actor, params.id, locals.locale))
	);
};
