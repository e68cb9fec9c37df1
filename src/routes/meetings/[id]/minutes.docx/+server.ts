import type { RequestHandler } from './$types';
import { error } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { AppError } from '$lib/server/errors';
import { docxFile } from '$lib/server/minutes/export';
import { translate } from '$lib/i18n';

export const GET: RequestHandler = async ({ locals, params }) => {
	if (!locals.actor) error(401, translate(locals.locale, 'error.401.title'));
	try {
		return await docxFile(getDb(), locals.actor, params.id, locals.locale);
	} catch (err) {
		if (err instanceof AppError) error(404, translate(locals.locale, 'error.404.title'));
		throw err;
	}
};
