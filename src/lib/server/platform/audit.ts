/**
 * The audit log: separate hash chains in one table. Each entry's hash covers the previous hash
 * in its chain and the entry's own fields, so verification finds the first entry of a chain
 * that was changed, removed, inserted or moved. A chain per committee (`committee:<id>`), one
 * per vote (`vote:<id>`), and 'global' for what belongs to no committee: an append reads and
 * moves only its own chain's head, so unrelated writes do not queue behind one chain.
 */
import type { DbLike } from '../db';
import { statement } from '../db/statements';
import { entryHash, genesis, GLOBAL_CHAIN } from './audit-hash';

export { committeeChain, GLOBAL_CHAIN, voteChain } from './audit-hash';

/**
 * Append an entry to `chain` (the committee's chain for anything done in a committee). Call
 * inside the transaction of the change it records.
 */
export function audit(
	db: DbLike,
	actorId: string | null,
	action: string,
	target: string | null,
	detail: Record<string, unknown> = {},
	chain: string = GLOBAL_CHAIN
): void {
	const head = statement(db, 'SELECT hash FROM audit_chain WHERE chain = ?').get(chain) as
		{ hash: string } | undefined;
	const prevHash = head?.hash ?? genesis(chain);
	const entry = { chain, at: new Date(), actorId, action, target, detail: JSON.stringify(detail) };
	const hash = entryHash(prevHash, entry);
	const { seq } = statement(
		db,
		`INSERT INTO audit_log (chain, at, actor_id, action, target, detail, prev_hash, hash)
		 VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING seq`
	).get(chain, entry.at.getTime(), actorId, action, target, entry.detail, prevHash, hash) as {
		seq: number;
	};
	// The head moves only from the hash this entry links to: a second writer that read the same
	// head (another process, once writes stop being serialised) fails instead of forking the chain.
	const moved = head
		? statement(db, 'UPDATE audit_chain SET seq = ?, hash = ? WHERE chain = ? AND hash = ?').run(
				seq,
				hash,
				chain,
				head.hash
			)
		: statement(
				db,
				'INSERT INTO audit_chain (chain, seq, hash) VALUES (?, ?, ?) ON CONFLICT DO NOTHING'
			).run(chain, seq, hash);
	if (moved.changes !== 1) throw new Error(`audit chain ${chain} moved under this append`);
}

export { verifyAuditChains, verifyAuditLog, type AuditFault } from './audit-verify';
