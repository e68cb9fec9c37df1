/**
 * Photos of needs through the real built server: JPEG, PNG and WebP checked by content,
 * re-encoded without metadata (no EXIF location), stored under DATA_DIR with random names and
 * served with the right type and `nosniff`; disguised, oversized and too many files refused,
 * leaving nothing behind; only the submitter and staff add photos.
 *
 * Build first: `npm run build` (or set BUILD_DIR to another build).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { signInCookie, startServerProcess, type ServerProcess } from '../helpers/process';

let s: ServerProcess;
let url: string;
const cookies: Record<string, string> = {};
const LOGINS = ['admin', 'liaison1', 'resident1', 'resident2'] as const;
type Login = (typeof LOGINS)[number];

interface Need {
	id: string;
	photos: { id: string; url: string }[];
}
interface Upload {
	bytes: Uint8Array;
	type: string;
	name: string;
}

beforeAll(async () => {
	s = await startServerProcess();
	url = s.url;
	for (const login of LOGINS) cookies[login] = await signInCookie(url, login);
});
afterAll(async () => {
	await s?.stop();
});

function upload(
	as: Login | null,
	id: string,
	files: Upload[],
	headers: Record<string, string> = { origin: '' }
): Promise<Response> {
	const form = new FormData();
	for (const f of files)
		form.append('photos', new Blob([f.bytes as Uint8Array<ArrayBuffer>], { type: f.type }), f.name);
	const h: Record<string, string> = {
		origin: headers.origin || url,
		...(as ? { cookie: cookies[as]! } : {})
	};
	return fetch(`${url}/api/v1/needs/${id}/photos`, { method: 'POST', headers: h, body: form });
}

async function createNeed(as: Login, visibility: 'public' | 'private' = 'public'): Promise<Need> {
	const r = await fetch(`${url}/api/v1/needs`, {
		method: 'POST',
		headers: { cookie: cookies[as]!, origin: url, 'content-type': 'application/json' },
		body: JSON.stringify({
			title: '路面坑洼需要修补',
			description: '附照片说明。',
			category: 'safety',
			visibility
		})
	});
	expect(r.status).toBe(201);
	return (await r.json()) as Need;
}

async function getNeed(as: Login, id: string): Promise<Need> {
	const r = await fetch(`${url}/api/v1/needs/${id}`, { headers: { cookie: cookies[as]! } });
	expect(r.status).toBe(200);
	return (await r.json()) as Need;
}

async function fieldErrors(r: Response, status: number): Promise<Record<string, string[]>> {
	const text = await r.text();
	expect(r.status, text).toBe(status);
	expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json\b/);
	return (JSON.parse(text) as { errors?: Record<string, string[]> }).errors ?? {};
}

const uploadsDir = () => path.join(s.dataDir, 'uploads');
const storedFiles = () => (fs.existsSync(uploadsDir()) ? fs.readdirSync(uploadsDir()).sort() : []);
function photoRows(): { id: string; file: string; mime: string; bytes: number }[] {
	const db = new Database(path.join(s.dataDir, 'yiting.db'), {
		fileMustExist: true,
		readonly: true
	});
	try {
		return db.prepare('select id, file, mime, bytes from need_photo').all() as {
			id: string;
			file: string;
			mime: string;
			bytes: number;
		}[];
	} finally {
		db.close();
	}
}

// ---------------------------------------------------------------- test images

/** The TIFF tags of IFD0 in an EXIF block (`Exif\0\0` + TIFF), to prove the input carries GPS. */
function ifd0Tags(exif: Buffer): number[] {
	const tiff = exif.subarray(exif.indexOf('Exif\0\0') + 6);
	const le = tiff.toString('latin1', 0, 2) === 'II';
	const u16 = (o: number) => (le ? tiff.readUInt16LE(o) : tiff.readUInt16BE(o));
	const u32 = (o: number) => (le ? tiff.readUInt32LE(o) : tiff.readUInt32BE(o));
	const ifd = u32(4);
	return Array.from({ length: u16(ifd) }, (_, i) => u16(ifd + 2 + i * 12));
}
const GPS_IFD_TAG = 0x8825;

async function jpegWithGps(width = 64, height = 48, orientation?: number): Promise<Buffer> {
	let img = sharp({ create: { width, height, channels: 3, background: '#3a7' } }).jpeg();
	if (orientation) img = img.withMetadata({ orientation });
	return img
		.withExif({
			IFD0: { Make: 'LeakyCam', Model: 'GPS-1' },
			IFD3: {
				GPSLatitudeRef: 'N',
				GPSLatitude: '39/1 54/1 2736/100',
				GPSLongitudeRef: 'E',
				GPSLongitude: '116/1 23/1 1740/100'
			}
		})
		.toBuffer();
}

const png = (w = 20, h = 10) =>
	sharp({ create: { width: w, height: h, channels: 4, background: '#c33a' } })
		.png()
		.toBuffer();
const webp = () =>
	sharp({ create: { width: 24, height: 12, channels: 3, background: '#33c' } })
		.webp()
		.toBuffer();

function crc32(buf: Buffer): number {
	let c = ~0;
	for (const b of buf) {
		c ^= b;
		for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
	}
	return ~c >>> 0;
}

/** A tiny PNG whose header claims 30000 × 30000 pixels (a decompression bomb). */
async function pixelBomb(): Promise<Buffer> {
	const b = Buffer.from(await png(1, 1));
	// Signature (8), IHDR length (4), 'IHDR' (4), width, height, …, CRC over type + data (17 bytes).
	b.writeUInt32BE(30000, 16);
	b.writeUInt32BE(30000, 20);
	b.writeUInt32BE(crc32(b.subarray(12, 29)), 29);
	return b;
}

// ---------------------------------------------------------------- accepted photos

describe('accepted photos', () => {
	it('a JPEG with EXIF GPS is stored, served with its type and nosniff, and without any metadata', async () => {
		const need = await createNeed('resident1');
		const input = await jpegWithGps();
		// The input really carries a location: an EXIF block whose IFD0 points to a GPS IFD.
		const inMeta = await sharp(input).metadata();
		expect(inMeta.exif).toBeTruthy();
		expect(ifd0Tags(inMeta.exif!)).toContain(GPS_IFD_TAG);
		expect(input.includes(Buffer.from('Exif\0\0'))).toBe(true);
		expect(input.includes(Buffer.from('LeakyCam'))).toBe(true);

		const r = await upload('resident1', need.id, [
			{ bytes: input, type: 'image/jpeg', name: 'holiday-at-home.jpg' }
		]);
		const text = await r.text();
		expect(r.status, text).toBe(201);
		const { photos } = JSON.parse(text) as { photos: { id: string; url: string }[] };
		expect(photos.length).toBe(1);
		expect(photos[0]!.url).toBe(`/media/needs/${photos[0]!.id}`);
		expect((await getNeed('resident2', need.id)).photos).toEqual(photos);

		const served = await fetch(`${url}${photos[0]!.url}`, {
			headers: { cookie: cookies.resident2! }
		});
		expect(served.status).toBe(200);
		expect(served.headers.get('content-type')).toBe('image/jpeg');
		expect(served.headers.get('x-content-type-options')).toBe('nosniff');
		expect(served.headers.get('cache-control') ?? '').not.toMatch(/public/);
		const out = Buffer.from(await served.arrayBuffer());
		expect([...out.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
		const outMeta = await sharp(out).metadata();
		expect(outMeta.format).toBe('jpeg');
		expect([outMeta.width, outMeta.height]).toEqual([64, 48]);
		expect(outMeta.exif).toBeUndefined();
		expect(outMeta.xmp).toBeUndefined();
		expect(out.includes(Buffer.from('Exif'))).toBe(false);
		expect(out.includes(Buffer.from('LeakyCam'))).toBe(false);
		expect(out.includes(Buffer.from([0x25, 0x88]))).toBe(false);

		// Stored under DATA_DIR/uploads with a random name; the same bytes as served; no trace of the upload's name.
		const row = photoRows().find((p) => p.id === photos[0]!.id)!;
		expect(row.file).toMatch(/^[0-9a-f]{32}\.jpeg$/);
		expect(row.mime).toBe('image/jpeg');
		expect(fs.readFileSync(path.join(uploadsDir(), row.file)).equals(out)).toBe(true);
		expect(storedFiles().some((f) => f.includes('holiday'))).toBe(false);
	});

	it('applies the EXIF orientation before dropping it', async () => {
		const need = await createNeed('resident1');
		const input = await jpegWithGps(64, 48, 6);
		expect((await sharp(input).metadata()).orientation).toBe(6);
		const r = await upload('resident1', need.id, [
			{ bytes: input, type: 'image/jpeg', name: 'turned.jpg' }
		]);
		expect(r.status).toBe(201);
		const { photos } = (await r.json()) as { photos: { url: string }[] };
		const out = Buffer.from(
			await (
				await fetch(`${url}${photos[0]!.url}`, { headers: { cookie: cookies.resident1! } })
			).arrayBuffer()
		);
		const meta = await sharp(out).metadata();
		expect([meta.width, meta.height]).toEqual([48, 64]);
		expect(meta.orientation ?? 1).toBe(1);
		expect(meta.exif).toBeUndefined();
	});

	it('PNG and WebP are accepted and served as what they are, whatever name and type the upload claimed', async () => {
		const need = await createNeed('resident1');
		const r = await upload('resident1', need.id, [
			{ bytes: await png(), type: 'image/png', name: 'a.png' },
			{ bytes: await webp(), type: 'image/webp', name: 'b.webp' },
			// A PNG posing as a JPEG: the content decides.
			{ bytes: await png(30, 15), type: 'image/jpeg', name: 'c.jpg' }
		]);
		const text = await r.text();
		expect(r.status, text).toBe(201);
		const { photos } = JSON.parse(text) as { photos: { id: string; url: string }[] };
		expect(photos.length).toBe(3);
		const expected = [
			['image/png', 'png', 20, 10],
			['image/webp', 'webp', 24, 12],
			['image/png', 'png', 30, 15]
		] as const;
		for (const [i, [type, format, w, h]] of expected.entries()) {
			const served = await fetch(`${url}${photos[i]!.url}`, {
				headers: { cookie: cookies.resident2! }
			});
			expect(served.status).toBe(200);
			expect(served.headers.get('content-type')).toBe(type);
			expect(served.headers.get('x-content-type-options')).toBe('nosniff');
			const meta = await sharp(Buffer.from(await served.arrayBuffer())).metadata();
			expect(meta.format).toBe(format);
			expect([meta.width, meta.height]).toEqual([w, h]);
		}
	});

	it('staff may add photos to a resident’s need; other residents may not (403); strangers and foreign origins are refused', async () => {
		const need = await createNeed('resident1');
		const photo = { bytes: await png(), type: 'image/png', name: 'p.png' };
		const before = storedFiles();
		const other = await upload('resident2', need.id, [photo]);
		expect(other.status).toBe(403);
		await other.arrayBuffer();
		const anon = await upload(null, need.id, [photo]);
		expect(anon.status).toBe(401);
		await anon.arrayBuffer();
		const foreign = await upload('resident1', need.id, [photo], { origin: 'https://evil.example' });
		expect(foreign.status).toBe(403);
		await foreign.arrayBuffer();
		expect(storedFiles()).toEqual(before);
		expect((await getNeed('resident1', need.id)).photos).toEqual([]);

		for (const who of ['liaison1', 'admin'] as const) {
			const r = await upload(who, need.id, [photo]);
			expect(r.status, who).toBe(201);
			await r.arrayBuffer();
		}
		expect((await getNeed('resident1', need.id)).photos.length).toBe(2);
	});
});

// ---------------------------------------------------------------- refused uploads

describe('refused uploads', () => {
	let need: Need;
	beforeAll(async () => {
		need = await createNeed('resident1');
	});

	it('a text file named photo.jpg (image/jpeg) is 422 with a field error', async () => {
		const bytes = new TextEncoder().encode('这不是照片，只是一段文字。\n'.repeat(20));
		const errors = await fieldErrors(
			await upload('resident1', need.id, [{ bytes, type: 'image/jpeg', name: 'photo.jpg' }]),
			422
		);
		expect(errors.photos?.length).toBeGreaterThan(0);
		expect(errors.photos!.join('')).toMatch(/JPG|PNG|WebP/);
	});

	it('an HTML file disguised as a PNG is 422, also behind PNG magic bytes', async () => {
		const html = '<!doctype html><html><body><script>alert(document.cookie)</script></body></html>';
		const plain = new TextEncoder().encode(html);
		expect(
			Object.keys(
				await fieldErrors(
					await upload('resident1', need.id, [
						{ bytes: plain, type: 'image/png', name: 'cat.png' }
					]),
					422
				)
			)
		).toContain('photos');
		const magic = Buffer.concat([
			Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
			Buffer.from(html)
		]);
		expect(
			Object.keys(
				await fieldErrors(
					await upload('resident1', need.id, [
						{ bytes: magic, type: 'image/png', name: 'cat.png' }
					]),
					422
				)
			)
		).toContain('photos');
		// JPEG magic with garbage after it, and an SVG (script-capable) image.
		const jpegish = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from(html)]);
		expect(
			Object.keys(
				await fieldErrors(
					await upload('resident1', need.id, [
						{ bytes: jpegish, type: 'image/jpeg', name: 'x.jpg' }
					]),
					422
				)
			)
		).toContain('photos');
		const svg = new TextEncoder().encode(
			'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="10" height="10"/></svg>'
		);
		expect(
			Object.keys(
				await fieldErrors(
					await upload('resident1', need.id, [
						{ bytes: svg, type: 'image/svg+xml', name: 'x.svg' }
					]),
					422
				)
			)
		).toContain('photos');
	});

	it('a decompression bomb (a tiny PNG claiming 30000 × 30000 pixels) is 422', async () => {
		const bomb = await pixelBomb();
		const meta = await sharp(bomb, { limitInputPixels: false }).metadata();
		expect([meta.width, meta.height]).toEqual([30000, 30000]);
		expect(
			Object.keys(
				await fieldErrors(
					await upload('resident1', need.id, [
						{ bytes: bomb, type: 'image/png', name: 'bomb.png' }
					]),
					422
				)
			)
		).toContain('photos');
	});

	it('a file over 5 MB is 413', async () => {
		const big = Buffer.alloc(5 * 1024 * 1024 + 1, 0x41);
		big.set([0xff, 0xd8, 0xff, 0xe0], 0);
		expect(
			Object.keys(
				await fieldErrors(
					await upload('resident1', need.id, [{ bytes: big, type: 'image/jpeg', name: 'big.jpg' }]),
					413
				)
			)
		).toContain('photos');
	});

	it('seven files are 422; six already there plus one more is 422 too', async () => {
		const one = { bytes: await png(), type: 'image/png', name: 'p.png' };
		expect(
			Object.keys(
				await fieldErrors(
					await upload(
						'resident1',
						need.id,
						Array.from({ length: 7 }, () => one)
					),
					422
				)
			)
		).toContain('photos');
		const full = await createNeed('resident1');
		const six = await upload(
			'resident1',
			full.id,
			Array.from({ length: 6 }, () => one)
		);
		expect(six.status).toBe(201);
		await six.arrayBuffer();
		expect(
			Object.keys(await fieldErrors(await upload('resident1', full.id, [one]), 422))
		).toContain('photos');
		expect((await getNeed('resident1', full.id)).photos.length).toBe(6);
	});

	it('one bad file refuses the whole batch, keeping none of the good ones', async () => {
		const good = { bytes: await png(), type: 'image/png', name: 'good.png' };
		const bad = {
			bytes: new TextEncoder().encode('not an image'),
			type: 'image/png',
			name: 'bad.png'
		};
		expect(
			Object.keys(await fieldErrors(await upload('resident1', need.id, [good, good, bad]), 422))
		).toContain('photos');
		expect((await getNeed('resident1', need.id)).photos).toEqual([]);
	});

	it('after all the refusals, the uploads directory holds exactly the accepted photos', () => {
		const rows = photoRows();
		// 1 GPS JPEG + 1 rotated + 3 mixed + 2 by staff + 6 = 13 accepted photos in this file.
		expect(rows.length).toBe(13);
		expect(storedFiles()).toEqual(rows.map((r) => r.file).sort());
		for (const r of rows) expect(fs.statSync(path.join(uploadsDir(), r.file)).size).toBe(r.bytes);
	});
});
