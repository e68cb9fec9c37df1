/**
 * A small POSIX tar (ustar) writer and reader for Yiting's backups: regular files only, streamed
 * from and to disk so a large database never has to fit in memory. The archive opens with any
 * `tar` (`tar -tvf backup.tar`), which is why backups are tar and not a format of our own.
 */
import fs from 'node:fs';

const BLOCK = 512;
const CHUNK = 1 << 20;

function field(buf: Buffer, offset: number, length: number, value: string) {
	buf.write(value, offset, Math.min(length, Buffer.byteLength(value)), 'utf8');
}

function octal(value: number, length: number): string {
	return value.toString(8).padStart(length - 1, '0') + '\0';
}

function header(name: string, size: number, mtime: number): Buffer {
	if (Buffer.byteLength(name) > 100) throw new Error(`tar: name too long: ${name}`);
	const h = Buffer.alloc(BLOCK);
	field(h, 0, 100, name);
	field(h, 100, 8, octal(0o644, 8));
	field(h, 108, 8, octal(0, 8));
	field(h, 116, 8, octal(0, 8));
	field(h, 124, 12, octal(size, 12));
	field(h, 136, 12, octal(Math.floor(mtime / 1000), 12));
	field(h, 148, 8, '        '); // the checksum counts its own field as spaces
	field(h, 156, 1, '0');
	field(h, 257, 6, 'ustar\0');
	field(h, 263, 2, '00');
	let sum = 0;
	for (const b of h) sum += b;
	field(h, 148, 8, sum.toString(8).padStart(6, '0') + '\0 ');
	return h;
}

/** Writes entries one after the other into a new archive file. */
export class TarWriter {
	readonly #fd: number;

	constructor(file: string) {
		// 'wx': never overwrite an existing backup.
		this.#fd = fs.openSync(file, 'wx', 0o600);
	}

	addBuffer(name: string, data: Buffer): void {
		fs.writeSync(this.#fd, header(name, data.length, Date.now()));
		fs.writeSync(this.#fd, data);
		this.#pad(data.length);
	}

	addFile(name: string, source: string): void {
		const { size, mtimeMs } = fs.statSync(source);
		fs.writeSync(this.#fd, header(name, size, mtimeMs));
		const input = fs.openSync(source, 'r');
		const buf = Buffer.alloc(CHUNK);
		let done = 0;
		try {
			while (done < size) {
				const n = fs.readSync(input, buf, 0, Math.min(CHUNK, size - done), done);
				if (n === 0) throw new Error(`tar: ${source} shrank while being archived`);
				fs.writeSync(this.#fd, buf, 0, n);
				done += n;
			}
		} finally {
			fs.closeSync(input);
		}
		this.#pad(size);
	}

	#pad(size: number) {
		const rest = size % BLOCK;
		if (rest) fs.writeSync(this.#fd, Buffer.alloc(BLOCK - rest));
	}

	/** Two zero blocks end the archive; the file is synced before it is closed. */
	close(): void {
		fs.writeSync(this.#fd, Buffer.alloc(2 * BLOCK));
		fs.fsyncSync(this.#fd);
		fs.closeSync(this.#fd);
	}
}

export interface TarEntry {
	name: string;
	size: number;
	/** Byte offset of the content in the archive. */
	offset: number;
}

function cstring(buf: Buffer, offset: number, length: number): string {
	const end = buf.indexOf(0, offset);
	return buf.toString('utf8', offset, end === -1 || end > offset + length ? offset + length : end);
}

/** The regular files in an archive; throws on anything that is not a ustar archive we wrote. */
export function listTar(file: string): TarEntry[] {
	const fd = fs.openSync(file, 'r');
	const entries: TarEntry[] = [];
	try {
		const h = Buffer.alloc(BLOCK);
		for (let pos = 0; ;) {
			if (fs.readSync(fd, h, 0, BLOCK, pos) !== BLOCK) throw new Error('tar: archive truncated');
			if (h.every((b) => b === 0)) return entries;
			let sum = 0;
			for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : h[i]!;
			if (sum !== parseInt(cstring(h, 148, 8).trim(), 8)) throw new Error('tar: bad header');
			const size = parseInt(cstring(h, 124, 12).trim(), 8);
			if (String.fromCharCode(h[156]!) !== '0') throw new Error('tar: not a regular file');
			entries.push({ name: cstring(h, 0, 100), size, offset: pos + BLOCK });
			pos += BLOCK + Math.ceil(size / BLOCK) * BLOCK;
		}
	} finally {
		fs.closeSync(fd);
	}
}

/** Copy one entry's content out of the archive into `dest` (created, never overwritten). */
export function extractEntry(file: string, entry: TarEntry, dest: string, mode = 0o644): void {
	const input = fs.openSync(file, 'r');
	const output = fs.openSync(dest, 'wx', mode);
	const buf = Buffer.alloc(CHUNK);
	try {
		for (let done = 0; done < entry.size;) {
			const n = fs.readSync(input, buf, 0, Math.min(CHUNK, entry.size - done), entry.offset + done);
			if (n === 0) throw new Error('tar: archive truncated');
			fs.writeSync(output, buf, 0, n);
			done += n;
		}
		fs.fsyncSync(output);
	} finally {
		fs.closeSync(input);
		fs.closeSync(output);
	}
}

/** One entry's content in memory (the manifest). */
export function readEntry(file: string, entry: TarEntry): Buffer {
	const fd = fs.openSync(file, 'r');
	try {
		const buf = Buffer.alloc(entry.size);
		fs.readSync(fd, buf, 0, entry.size, entry.offset);
		return buf;
	} finally {
		fs.closeSync(fd);
	}
}
