import { error, type RequestHandler } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { getPhoto } from '$lib/server/needs/needs';
import { readStoredPhoto } from '$lib/server/uploads/photos';
import { AppError } from '$lib/server/errors';
import { translate } from '$lib/i18n';

/** A need's photo, to those who may see the need. Never sniffed, never cached by shared caches. */
export const GET: RequestHandler = ({ locals, params }) => {
	if (!locals.actor) error(401, translate(locals.locale, 'error.401.title'));
	try {
		const photo = getPhoto(getDb(), locals.actor, params.id!);
		return new Response(new Uint8Array(readStoredPhoto(photo.file)), {
			headers: { 'content-type': photo.mime, 'x-content-type-options': 'nosniff', 'cache-control': 'private, max-age=3600', 'content-disposition': 'inline' }
		});
	} catch (err) {
		if (err instanceof AppError) error(404, translate(locals.locale, 'error.404.title'));
		throw err;
	}
};
