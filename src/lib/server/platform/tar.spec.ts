import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractEntry, listTar, readEntry, TarWriter } from './tar';

function archive() {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yiting-tar-'));
	const big = randomBytes(1_500_000); // more than one read chunk, not a multiple of 512
	fs.writeFileSync(path.join(dir, 'big.bin'), big);
	const file = path.join(dir, 'a.tar');
	const tar = new TarWriter(file);
	tar.addBuffer('manifest.json', Buffer.from('{"a":1}\n'));
	tar.addFile('uploads/big.bin', path.join(dir, 'big.bin'));
	tar.close();
	return { dir, file, big };
}

describe('tar', () => {
	it('writes what GNU tar reads, and reads it back', () => {
		const { dir, file, big } = archive();
		expect(execFileSync('tar', ['-tf', file], { encoding: 'utf8' })).toBe(
			'manifest.json\nuploads/big.bin\n'
		);
		const out = path.join(dir, 'out');
		fs.mkdirSync(out);
		execFileSync('tar', ['-xf', file, '-C', out]);
		expect(fs.readFileSync(path.join(out, 'uploads/big.bin')).equals(big)).toBe(true);

		const entries = listTar(file);
		expect(entries.map((e) => [e.name, e.size])).toEqual([
			['manifest.json', 8],
			['uploads/big.bin', big.length]
		]);
		expect(readEntry(file, entries[0]!).toString()).toBe('{"a":1}\n');
		extractEntry(file, entries[1]!, path.join(dir, 'copy.bin'));
		expect(fs.readFileSync(path.join(dir, 'copy.bin')).equals(big)).toBe(true);
	});

	it('refuses a damaged header, a truncated archive and an existing file', () => {
		const { dir, file } = archive();
		const bytes = fs.readFileSync(file);
		const damaged = path.join(dir, 'damaged.tar');
		bytes[3] = bytes[3]! ^ 0xff;
		fs.writeFileSync(damaged, bytes);
		expect(() => listTar(damaged)).toThrow(/bad header/);
		const short = path.join(dir, 'short.tar');
		fs.writeFileSync(short, fs.readFileSync(file).subarray(0, 2048));
		expect(() => listTar(short)).toThrow(/truncated/);
		expect(() => new TarWriter(file)).toThrow(/EEXIST/);
	});
});
