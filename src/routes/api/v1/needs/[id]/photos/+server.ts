import { endpoint } from '$lib/server/api/endpoint';
import { addPhotos } from '$lib/server/api/contracts/needs';
import * as needs from '$lib/server/needs';
import { readPhotoUploads } from '$lib/server/uploads/form';
import { removeStoredPhoto } from '$lib/server/uploads/photos';

export const POST = endpoint(addPhotos, async ({ db, actor, params, event }) => {
	needs.getNeed(db, actor, params.id!); // 404 before reading a large body for a need the caller cannot see
	const stored = await readPhotoUploads(event.request);
	try {
		needs.addPhotos(db, actor, params.id!, stored);
	} catch (err) {
		for (const s of stored) removeStoredPhoto(s.file);
		throw err;
	}
	return {
		photos: needs
			.getNeed(db, actor, params.id!)
			.photos.map((p) => ({ id: p.id, url: `/media/needs/${p.id}` }))
	};
});
