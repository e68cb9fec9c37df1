/**
 * The audit log. Entries form a hash chain: each hash covers the previous hash and the entry's
 * own fields, so verification finds the first entry that was changed, removed, inserted or
 * moved.
 */
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { desc } from 'drizzle-orm';
import type { Db, DbLike } from '../db';
import { auditLog, type AuditEntry } from '../db/schema';

const GENESIS = '0'.repeat(64);

function entryHash(prevHash: string, e: Omit<AuditEntry, 'seq' | 'hash' | 'prevHash'>): string {
	const body = JSON.stringify([prevHash, e.at.getTime(), e.actorId, e.action, e.target, e.detail]);
	return encodeHexLowerCase(sha256(new TextEncoder().encode(body)));
}

/** Append an entry. Call inside the transaction of the change it records. */
export function audit(
	db: DbLike,
	actorId: string | null,
	action: string,
	target: string | null,
	detail: Record<string, unknown> = {}
): void {
	const last = db.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.seq)).limit(1).get();
	const prevHash = last?.hash ?? GENESIS;
	const entry = { at: new Date(), actorId, action, target, detail: JSON.stringify(detail) };
	db.insert(auditLog)
		.values({ ...entry, prevHash, hash: entryHash(prevHash, entry) })
		.run();
}

/** Verify the chain; returns the seq of the first bad entry, or null when the log is intact. */
export function verifyAuditLog(db: Db): number | null {
	let prev = GENESIS;
	// seq is AUTOINCREMENT: entries are numbered 1, 2, 3… without gaps (a rolled-back insert gives
	// its number back), and sqlite_sequence keeps the highest number ever issued. So a gap is a
	// removed or moved entry, and a highest number beyond the last entry is a removed tail, which
	// the chain alone cannot show.
	let expected = 1;
	const rows = db.$client
		.prepare('select seq, at, actor_id, action, target, detail, prev_hash, hash from audit_log order by seq')
		.iterate() as IterableIterator<{ seq: number; at: number; actor_id: string | null; action: string; target: string | null; detail: string; prev_hash: string; hash: string }>;
	for (const r of rows) {
		if (r.seq !== expected) return expected;
		const e = { at: new Date(r.at), actorId: r.actor_id, action: r.action, target: r.target, detail: r.detail };
		if (r.prev_hash !== prev || r.hash !== entryHash(prev, e)) return r.seq;
		prev = r.hash;
		expected++;
	}
	const issued = db.$client.prepare("select seq from sqlite_sequence where name = 'audit_log'").get() as { seq: number } | undefined;
	return issued && issued.seq >= expected ? expected : null;
}
