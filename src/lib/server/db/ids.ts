import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import { randomBytes } from 'node:crypto';

/** Opaque ids: 80 random bits, base32 (16 characters). */
export function newId(): string {
	return encodeBase32LowerCaseNoPadding(randomBytes(10));
}
