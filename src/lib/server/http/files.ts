/** Files people download (minutes, calendars): one way to name and send them. */

/** A file to download: `Content-Disposition` with a UTF-8 file name and an ASCII fallback. */
export function fileResponse(file: {
	body: string | Uint8Array;
	mime: string;
	fileName: string;
	fallbackName: string;
}): Response {
	const body = typeof file.body === 'string' ? file.body : new Uint8Array(file.body);
	return new Response(body, {
		headers: {
			'content-type': file.mime,
			'content-disposition': `attachment; filename="${file.fallbackName}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
			'x-content-type-options': 'nosniff'
		}
	});
}
