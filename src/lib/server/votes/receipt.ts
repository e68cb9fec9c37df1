/**
 * Tracking codes (投票凭证码): a short random code per ballot, printed in the published ballot
 * list after the count so a voter can check their ballot was counted as cast. The voter's copy
 * is kept on their roll row sealed with the data key, bound to the vote and seat: a database dump
 * alone does not say whose code is whose.
 */
import { randomBytes } from 'node:crypto';
import { open, seal } from '../crypto/pii';

/** Crockford's base32 without I, L, O, U: nothing to misread when read out over the phone. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** 8 characters (40 random bits) as `XXXX-XXXX`; unique per vote (a clash is refused by the index and drawn again). */
export function trackingCode(): string {
	const bytes = randomBytes(8);
	let s = '';
	for (let i = 0; i < 8; i++) s += ALPHABET[bytes[i]! & 31];
	return `${s.slice(0, 4)}-${s.slice(4)}`;
}

/** A random ballot id: the box's key, so its stored order is random too. */
export function ballotId(): string {
	return randomBytes(12).toString('hex');
}

const bound = (voteId: string, seat: string) => `vote:${voteId}:${seat}`;

export const sealReceipt = (code: string, voteId: string, seat: string) =>
	seal(code, bound(voteId, seat));

export function openReceipt(
	sealed: Uint8Array | null,
	voteId: string,
	seat: string
): string | null {
	if (!sealed) return null;
	try {
		return open(sealed, bound(voteId, seat));
	} catch {
		return null;
	}
}
