import { type RequestHandler } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { orErrorPage, requireSignedIn } from '$lib/server/http/pages';
import { getReportFile } from '$lib/server/tasks';
import { readStoredPhoto } from '$lib/server/uploads/photos';

/** A progress report's photo or document, to those who may see the task. Never sniffed. */
export const GET: RequestHandler = ({ locals, params }) => {
	const actor = requireSignedIn(locals.locale, locals.actor);
	return orErrorPage(locals.locale, () => {
		const file = getReportFile(getDb(), actor, params.id!);
		const pdf = file.mime === 'application/pdf';
		return new Response(new Uint8Array(readStoredPhoto(file.file)), {
			headers: {
				'content-type': file.mime,
				'x-content-type-options': 'nosniff',
				'cache-control': 'private, max-age=3600',
				'content-disposition': pdf
					? `attachment; filename*=UTF-8''${encodeURIComponent(file.name || 'report.pdf')}`
					: 'inline'
			}
		});
	});
};
