/** How audit entries are chained: shared by appending (audit.ts) and verifying (audit-verify.ts). */
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import type { AuditEntry } from '../db/schema';

/** The chain of entries that belong to no committee, and of every entry written before chains. */
export const GLOBAL_CHAIN = 'global';

/** A committee's chain: the default for anything done in a committee. */
export const committeeChain = (committeeId: string) => `committee:${committeeId}`;

const hex = (s: string) => encodeHexLowerCase(sha256(new TextEncoder().encode(s)));

/**
 * Where a chain starts. 'global' keeps the zero hash its entries were written with; any other
 * chain starts from a hash of its name, so an entry moved into another chain breaks the link.
 */
export function genesis(chain: string): string {
	return chain === GLOBAL_CHAIN ? '0'.repeat(64) : hex(`yiting-audit-chain:${chain}`);
}

export function entryHash(
	prevHash: string,
	e: Pick<AuditEntry, 'at' | 'actorId' | 'action' | 'target' | 'detail'>
): string {
	return hex(JSON.stringify([prevHash, e.at.getTime(), e.actorId, e.action, e.target, e.detail]));
}

/** A vote's chain: open, each cast (without the choice when secret), close. */
export const voteChain = (voteId: string) => `vote:${voteId}`;
