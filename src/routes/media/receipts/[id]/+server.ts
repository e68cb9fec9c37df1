import { type RequestHandler } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { orErrorPage, requireSignedIn } from '$lib/server/http/pages';
import { getReceipt, readReceipt } from '$lib/server/projects';

/** A spending entry's receipt, to those who may read its project. Never sniffed. */
export const GET: RequestHandler = ({ locals, params }) => {
	const actor = requireSignedIn(locals.locale, locals.actor);
	return orErrorPage(locals.locale, () => {
		const r = getReceipt(getDb(), actor, params.id!);
		return new Response(new Uint8Array(readReceipt(r.file)), {
			headers: {
				'content-type': r.mime,
				'x-content-type-options': 'nosniff',
				'cache-control': 'private, max-age=3600',
				'content-disposition': 'inline'
			}
		});
	});
};
