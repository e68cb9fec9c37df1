/** Read photo files from a multipart request: count, size and content checked before anything is stored. */
import { AppError } from '../errors';
import {
	MAX_PHOTO_BYTES,
	MAX_PHOTOS,
	removeStoredPhoto,
	storePhoto,
	type StoredPhoto
} from './photos';

export async function readPhotoUploads(request: Request, form?: FormData): Promise<StoredPhoto[]> {
	let data = form;
	if (!data) {
		try {
			data = await request.formData();
		} catch {
			throw new AppError(400, 'err.malformed');
		}
	}
	const files = data.getAll('photos').filter((f): f is File => typeof f !== 'string' && f.size > 0);
	if (files.length > MAX_PHOTOS)
		throw new AppError(422, 'err.validation', { photos: ['err.photoCount'] });
	if (files.some((f) => f.size > MAX_PHOTO_BYTES))
		throw new AppError(413, 'err.validation', { photos: ['err.photoSize'] });
	const stored: StoredPhoto[] = [];
	try {
		for (const f of files) stored.push(await storePhoto(new Uint8Array(await f.arrayBuffer())));
	} catch (err) {
		// All or nothing: a bad file leaves none of the others behind.
		for (const s of stored) removeStoredPhoto(s.file);
		throw err;
	}
	return stored;
}
