/** Password hashing: argon2id, 19 MiB, t=2, p=1 (the OWASP minimum). */
import { hash, verify } from '@node-rs/argon2';

const OPTIONS = { algorithm: 2 /* Argon2id */, memoryCost: 19456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
	return hash(password, OPTIONS);
}

// Verified against when the account does not exist, so an unknown login costs the same time.
// Made when the module loads, so the first unknown login is not slower than the rest.
const dummyHash: Promise<string> = hashPassword('yiting-no-such-account');

export async function verifyPassword(
	storedHash: string | null,
	password: string
): Promise<boolean> {
	if (!storedHash) {
		await verify(await dummyHash, password).catch(() => false);
		return false;
	}
	return verify(storedHash, password).catch(() => false);
}
