/**
 * Receipts (票据) of spending entries: a photo, under the upload rules of needs' photos (checked
 * by content, re-encoded without metadata), or a PDF, checked by its signature and kept as sent.
 * Stored under `$DATA_DIR/uploads` with a random name, like every upload.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../errors';
import {
	MAX_PHOTO_BYTES,
	removeStoredPhoto,
	sniffImage,
	storePhoto,
	uploadsDir
} from '../uploads/photos';

/** PDFs may be larger than photos (scans of several pages). */
export const MAX_RECEIPT_BYTES = 10 * 1024 * 1024;

export interface StoredReceipt {
	file: string;
	mime: string;
	bytes: number;
}

const isPdf = (b: Uint8Array) =>
	b.length >= 5 && String.fromCharCode(...b.subarray(0, 5)) === '%PDF-';

/** Validate and store one receipt; a 413/422 AppError on the `receipt` field for bad input. */
export async function storeReceipt(input: Uint8Array): Promise<StoredReceipt> {
	if (isPdf(input)) {
		if (input.byteLength > MAX_RECEIPT_BYTES)
			throw new AppError(413, 'err.validation', { receipt: ['err.photoSize'] });
		const file = `${randomBytes(16).toString('hex')}.pdf`;
		fs.mkdirSync(uploadsDir(), { recursive: true });
		fs.writeFileSync(path.join(uploadsDir(), file), input, { flag: 'wx' });
		return { file, mime: 'application/pdf', bytes: input.byteLength };
	}
	if (!sniffImage(input))
		throw new AppError(422, 'err.validation', { receipt: ['err.projects.receiptType'] });
	if (input.byteLength > MAX_PHOTO_BYTES)
		throw new AppError(413, 'err.validation', { receipt: ['err.photoSize'] });
	try {
		return await storePhoto(input);
	} catch (err) {
		if (err instanceof AppError)
			throw new AppError(err.status, err.key, { receipt: ['err.projects.receiptType'] });
		throw err;
	}
}

/** The receipt file of a multipart form (field `receipt`), stored; null when none was chosen. */
export async function readReceiptUpload(form: FormData): Promise<StoredReceipt | null> {
	const f = form.get('receipt');
	if (!f || typeof f === 'string' || f.size === 0) return null;
	if (f.size > MAX_RECEIPT_BYTES)
		throw new AppError(413, 'err.validation', { receipt: ['err.photoSize'] });
	return storeReceipt(new Uint8Array(await f.arrayBuffer()));
}

export const removeReceipt = (file: string) => removeStoredPhoto(file);

export function readReceipt(file: string): Buffer {
	return fs.readFileSync(path.join(uploadsDir(), path.basename(file)));
}
