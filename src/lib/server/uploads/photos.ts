/**
 * Photos residents attach to needs. Checked by content (magic bytes, then the decoder), never
 * by name or declared type; re-encoded, which drops every metadata block (EXIF location
 * included) and applies the EXIF orientation first; stored under `$DATA_DIR/uploads` with a
 * random name.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { config } from '../config';
import { AppError } from '../errors';

export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;
export const MAX_PHOTOS = 6;
const MAX_SIDE = 2048;

export type PhotoMime = 'image/jpeg' | 'image/png' | 'image/webp';

/** The image type from the first bytes, or null. */
export function sniffImage(b: Uint8Array): PhotoMime | null {
	if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
	if (b.length >= 8 && [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((v, i) => b[i] === v))
		return 'image/png';
	if (
		b.length >= 12 &&
		String.fromCharCode(...b.subarray(0, 4)) === 'RIFF' &&
		String.fromCharCode(...b.subarray(8, 12)) === 'WEBP'
	)
		return 'image/webp';
	return null;
}

export function uploadsDir(): string {
	return path.join(config.dataDir, 'uploads');
}

export interface StoredPhoto {
	file: string;
	mime: PhotoMime;
	bytes: number;
}

/** Validate, re-encode and store one photo. Throws a 413/422 AppError for bad input. */
export async function storePhoto(input: Uint8Array): Promise<StoredPhoto> {
	if (input.byteLength > MAX_PHOTO_BYTES)
		throw new AppError(413, 'err.validation', { photos: ['err.photoSize'] });
	const mime = sniffImage(input);
	if (!mime) throw new AppError(422, 'err.validation', { photos: ['err.photoType'] });
	let out: Buffer;
	try {
		const img = sharp(input, { limitInputPixels: 50_000_000, failOn: 'error' })
			.rotate()
			.resize(MAX_SIDE, MAX_SIDE, { fit: 'inside', withoutEnlargement: true });
		out = await (
			mime === 'image/png'
				? img.png()
				: mime === 'image/webp'
					? img.webp({ quality: 85 })
					: img.jpeg({ quality: 85, mozjpeg: true })
		).toBuffer();
	} catch {
		throw new AppError(422, 'err.validation', { photos: ['err.photoType'] });
	}
	const ext = mime.split('/')[1];
	const file = `${randomBytes(16).toString('hex')}.${ext}`;
	fs.mkdirSync(uploadsDir(), { recursive: true });
	fs.writeFileSync(path.join(uploadsDir(), file), out, { flag: 'wx' });
	return { file, mime, bytes: out.byteLength };
}

export function removeStoredPhoto(file: string): void {
	fs.rmSync(path.join(uploadsDir(), path.basename(file)), { force: true });
}

export function readStoredPhoto(file: string): Buffer {
	return fs.readFileSync(path.join(uploadsDir(), path.basename(file)));
}
