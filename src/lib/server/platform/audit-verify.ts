/**
 * Verification of the audit chains (src/lib/server/platform/audit.ts), for tests and
 * `npm run audit:verify`.
 */
import type { Db } from '../db';
import { entryHash, genesis } from './audit-hash';

/** The first bad entry of a chain; `chain` is null for a gap in the numbering of all entries. */
export interface AuditFault {
	chain: string | null;
	seq: number;
	problem: string;
}

interface Row {
	seq: number;
	chain: string;
	at: number;
	actor_id: string | null;
	action: string;
	target: string | null;
	detail: string;
	prev_hash: string;
	hash: string;
}

interface ChainState {
	prev: string;
	last: number | null;
	bad: boolean;
}

/** Check one entry against its chain; returns what is wrong, or null. */
function checkLink(r: Row, st: ChainState): string | null {
	if (r.prev_hash !== st.prev)
		return 'does not link to the previous entry of its chain (prev_hash)';
	const e = {
		at: new Date(r.at),
		actorId: r.actor_id,
		action: r.action,
		target: r.target,
		detail: r.detail
	};
	if (r.hash !== entryHash(st.prev, e)) return 'its content does not match its hash';
	return null;
}

/** Verify every chain; returns the first bad entry of each bad chain (empty when all are intact). */
export function verifyAuditChains(db: Db): AuditFault[] {
	const c = db.$client;
	const faults: AuditFault[] = [];
	const chains = new Map<string, ChainState>();
	// seq is AUTOINCREMENT: entries are numbered 1, 2, 3… without gaps (a rolled-back insert gives
	// its number back), and sqlite_sequence keeps the highest number ever issued. So a gap is a
	// removed or moved entry, and a highest number beyond the last entry is a removed tail.
	let expected = 1;
	let numbering: AuditFault | null = null;
	const rows = c
		.prepare(
			'select seq, chain, at, actor_id, action, target, detail, prev_hash, hash from audit_log order by seq'
		)
		.iterate() as IterableIterator<Row>;
	for (const r of rows) {
		if (!numbering && r.seq !== expected)
			numbering = {
				chain: null,
				seq: expected,
				problem: `entry ${expected} is missing or moved (next is ${r.seq})`
			};
		expected = r.seq + 1;
		let st = chains.get(r.chain);
		if (!st) chains.set(r.chain, (st = { prev: genesis(r.chain), last: null, bad: false }));
		if (st.bad) continue;
		const problem = checkLink(r, st);
		if (problem) {
			faults.push({ chain: r.chain, seq: r.seq, problem });
			st.bad = true;
			continue;
		}
		st.prev = r.hash;
		st.last = r.seq;
	}
	const issued = c.prepare("select seq from sqlite_sequence where name = 'audit_log'").get() as
		{ seq: number } | undefined;
	if (!numbering && issued && issued.seq >= expected)
		numbering = {
			chain: null,
			seq: expected,
			problem: `entries from ${expected} to ${issued.seq} are missing`
		};
	faults.push(...headFaults(db, chains));
	if (numbering) faults.push(numbering);
	return faults;
}

/** Each chain's head must name its last entry: otherwise its newest entries were removed or forged. */
function headFaults(db: Db, chains: Map<string, ChainState>): AuditFault[] {
	const faults: AuditFault[] = [];
	const heads = db.$client.prepare('select chain, seq, hash from audit_chain').all() as {
		chain: string;
		seq: number;
		hash: string;
	}[];
	const headed = new Set(heads.map((h) => h.chain));
	for (const h of heads) {
		const st = chains.get(h.chain);
		if (st?.bad) continue;
		if (!st || st.last === null || st.last < h.seq) {
			faults.push({
				chain: h.chain,
				seq: h.seq,
				problem: `its newest entry ${h.seq} is missing (the chain ends at ${st?.last ?? 'nothing'})`
			});
		} else if (st.last > h.seq || st.prev !== h.hash) {
			const after = db.$client
				.prepare('select min(seq) seq from audit_log where chain = ? and seq > ?')
				.get(h.chain, h.seq) as { seq: number | null };
			faults.push({
				chain: h.chain,
				seq: after.seq ?? h.seq,
				problem: `entries after its head ${h.seq} were added outside the chain`
			});
		}
	}
	for (const [chain, st] of chains) {
		if (!headed.has(chain) && !st.bad && st.last !== null)
			faults.push({ chain, seq: st.last, problem: 'the chain has no head' });
	}
	return faults;
}

/** Verify every chain; returns the seq of the first bad entry in any chain, or null when the log is intact. */
export function verifyAuditLog(db: Db): number | null {
	const faults = verifyAuditChains(db);
	return faults.length ? Math.min(...faults.map((f) => f.seq)) : null;
}
