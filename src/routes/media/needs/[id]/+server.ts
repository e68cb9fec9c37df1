import { type RequestHandler } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { orErrorPage, requireSignedIn } from '$lib/server/http/pages';
import { getPhoto } from '$lib/server/needs/photos';
import { readStoredPhoto } from '$lib/server/uploads/photos';

/** A need's photo, to those who may see the need. Never sniffed, never cached by shared caches. */
export const GET: RequestHandler = ({ locals, params }) => {
	const actor = requireSignedIn(locals.locale, locals.actor);
	return orErrorPage(locals.locale, () => {
		const photo = getPhoto(getDb(), actor, params.id!);
		return new Response(new Uint8Array(readStoredPhoto(photo.file)), {
			headers: {
				'content-type': photo.mime,
				'x-content-type-options': 'nosniff',
				'cache-control': 'private, max-age=3600',
				'content-disposition': 'inline'
			}
		});
	});
};
