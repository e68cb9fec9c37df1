/**
 * Evidence files (a task's progress report, a receipt): photos as for needs (re-encoded, which
 * drops their metadata), and PDF documents stored as sent, after their header and size are
 * checked. One multipart field `files`; all or nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { AppError, type FieldErrors } from '../errors';
import { removeStoredPhoto, sniffImage, storePhoto, uploadsDir } from './photos';

export const MAX_FILE_BYTES = 10 * 1024 * 1024;
export const MAX_FILES = 6;

export interface StoredFile {
	file: string;
	mime: string;
	bytes: number;
	name: string;
}

const isPdf = (b: Uint8Array) =>
	b.length > 5 && b[0] === 0x25 && b[1] === 0x50 && b[2] === 0x44 && b[3] === 0x46 && b[4] === 0x2d;

async function storeOne(f: File): Promise<StoredFile> {
	const bytes = new Uint8Array(await f.arrayBuffer());
	// The name is shown to people, never used as a path.
	const name = [...f.name]
		.filter((c) => c.charCodeAt(0) >= 0x20 && c !== '\u007f' && c !== '/' && c !== '\\')
		.join('')
		.slice(0, 120);
	if (sniffImage(bytes)) return { ...(await storePhoto(bytes)), name };
	if (!isPdf(bytes)) throw new AppError(422, 'err.validation', { files: ['err.fileType'] });
	const file = `${randomBytes(16).toString('hex')}.pdf`;
	fs.mkdirSync(uploadsDir(), { recursive: true });
	fs.writeFileSync(path.join(uploadsDir(), file), bytes, { flag: 'wx' });
	return { file, mime: 'application/pdf', bytes: bytes.byteLength, name };
}

/** Read, check and store the `files` of a multipart form; a bad one leaves none behind. */
export async function readFileUploads(form: FormData, field = 'files'): Promise<StoredFile[]> {
	const files = form.getAll(field).filter((f): f is File => typeof f !== 'string' && f.size > 0);
	if (files.length > MAX_FILES)
		throw new AppError(422, 'err.validation', { [field]: ['err.fileCount'] } as FieldErrors);
	if (files.some((f) => f.size > MAX_FILE_BYTES))
		throw new AppError(413, 'err.validation', { [field]: ['err.fileSize'] } as FieldErrors);
	const stored: StoredFile[] = [];
	try {
		for (const f of files) stored.push(await storeOne(f));
	} catch (err) {
		for (const s of stored) removeStoredPhoto(s.file);
		throw err;
	}
	return stored;
}

export const removeStoredFile = removeStoredPhoto;
