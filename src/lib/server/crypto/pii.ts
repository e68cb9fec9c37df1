/**
 * Encryption of residents' personal data at rest (contact phones): AES-256-GCM with a fresh
 * 96-bit IV per value and the owning row bound in as associated data, so a ciphertext copied
 * to another row or column fails to decrypt.
 *
 * The key comes from YITING_DATA_KEY (32 bytes, base64), or is generated once into
 * `$DATA_DIR/keys/data.key` (mode 0600). Stored values are `v1 | keyId (4 bytes) | iv | tag |
 * ciphertext`; the key id lets keys rotate: YITING_DATA_KEYS_OLD (comma-separated base64) keeps
 * older keys readable while new values use the current one.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { config } from '../config';

const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;

interface Keyring {
	current: { id: Buffer; key: Buffer };
	byId: Map<string, Buffer>;
}

function keyId(key: Buffer): Buffer {
	return createHash('sha256').update(key).digest().subarray(0, 4);
}

/** A key's fingerprint: kept beside backups to check a key matches, without revealing it. */
export function keyFingerprint(key: Buffer): string {
	return createHash('sha256').update('yiting-data-key\0').update(key).digest('hex');
}

/** Read a base64 data key (YITING_DATA_KEY, a key file); `source` names it in errors. */
export function parseKey(b64: string, source: string): Buffer {
	const key = Buffer.from(b64.trim(), 'base64');
	if (key.length !== 32) throw new Error(`${source} must be 32 bytes, base64-encoded`);
	return key;
}

function loadCurrentKey(): Buffer {
	if (process.env.YITING_DATA_KEY) return parseKey(process.env.YITING_DATA_KEY, 'YITING_DATA_KEY');
	const file = path.join(config.dataDir, 'keys', 'data.key');
	if (fs.existsSync(file)) return parseKey(fs.readFileSync(file, 'utf8'), file);
	fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
	const key = randomBytes(32);
	// 'wx': never overwrite a key another process wrote first.
	try {
		fs.writeFileSync(file, key.toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
	} catch {
		return parseKey(fs.readFileSync(file, 'utf8'), file);
	}
	return key;
}

const KEY = Symbol.for('yiting.keyring');
type G = typeof globalThis & { [KEY]?: Keyring };

function keyring(): Keyring {
	const g = globalThis as G;
	if (g[KEY]) return g[KEY];
	const current = loadCurrentKey();
	const byId = new Map<string, Buffer>([[keyId(current).toString('hex'), current]]);
	for (const old of (process.env.YITING_DATA_KEYS_OLD ?? '').split(',').filter(Boolean)) {
		const k = parseKey(old, 'YITING_DATA_KEYS_OLD');
		byId.set(keyId(k).toString('hex'), k);
	}
	return (g[KEY] = { current: { id: keyId(current), key: current }, byId });
}

/** Encrypt `plaintext` for the place it is stored (e.g. `need:<id>:contact_phone`). */
export function seal(plaintext: string, boundTo: string): Buffer {
	const { current } = keyring();
	const iv = randomBytes(IV_BYTES);
	const cipher = createCipheriv('aes-256-gcm', current.key, iv);
	cipher.setAAD(Buffer.from(boundTo, 'utf8'));
	const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
	return Buffer.concat([Buffer.from([VERSION]), current.id, iv, cipher.getAuthTag(), body]);
}

/** Decrypt a sealed value; throws when it was tampered with or moved to another row. */
export function open(sealed: Uint8Array, boundTo: string): string {
	const buf = Buffer.from(sealed);
	if (buf.length < 1 + 4 + IV_BYTES + TAG_BYTES || buf[0] !== VERSION)
		throw new Error('not a sealed value');
	const key = keyring().byId.get(buf.subarray(1, 5).toString('hex'));
	if (!key) throw new Error('sealed with an unknown key');
	const iv = buf.subarray(5, 5 + IV_BYTES);
	const tag = buf.subarray(5 + IV_BYTES, 5 + IV_BYTES + TAG_BYTES);
	const decipher = createDecipheriv('aes-256-gcm', key, iv);
	decipher.setAAD(Buffer.from(boundTo, 'utf8'));
	decipher.setAuthTag(tag);
	return Buffer.concat([
		decipher.update(buf.subarray(5 + IV_BYTES + TAG_BYTES)),
		decipher.final()
	]).toString('utf8');
}

/** Is this value sealed with the current key (false means: re-seal it when rotating)? */
export function isCurrent(sealed: Uint8Array): boolean {
	return Buffer.from(sealed).subarray(1, 5).equals(keyring().current.id);
}

/** 13812341234 → 138****1234; landlines keep area code and last four. */
export function maskPhone(phone: string): string {
	const digits = phone.replace(/[^\d]/g, '').replace(/^86(?=1\d{10}$)/, '');
	if (digits.length < 7) return '****';
	return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
}
