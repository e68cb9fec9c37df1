import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDb, type Db } from '../db';
import { audit, committeeChain, GLOBAL_CHAIN, verifyAuditChains, verifyAuditLog } from './audit';
import { genesis } from './audit-hash';

let dir: string;
let db: Db;

beforeEach(() => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yiting-audit-'));
	db = openDb(path.join(dir, 'yiting.db'));
});
afterEach(() => {
	db.$client.close();
	fs.rmSync(dir, { recursive: true, force: true });
});

interface Row {
	seq: number;
	chain: string;
	prev_hash: string;
	hash: string;
}
const rows = (chain: string) =>
	db.$client
		.prepare('select seq, chain, prev_hash, hash from audit_log where chain = ? order by seq')
		.all(chain) as Row[];
const A = committeeChain('a');
const B = committeeChain('b');

/** Interleave entries of two committees and the global chain. */
function fill() {
	for (let i = 0; i < 6; i++) {
		audit(db, 'u1', `a.${i}`, `thing:${i}`, { i }, A);
		audit(db, 'u2', `b.${i}`, null, {}, B);
		if (i % 2 === 0) audit(db, null, `g.${i}`, null);
	}
}

describe('audit chains', () => {
	it('links each entry to the previous entry of its own chain only', () => {
		fill();
		for (const chain of [A, B, GLOBAL_CHAIN]) {
			const r = rows(chain);
			expect(r[0]!.prev_hash).toBe(genesis(chain));
			for (let i = 1; i < r.length; i++) expect(r[i]!.prev_hash).toBe(r[i - 1]!.hash);
		}
		expect(genesis(A)).not.toBe(genesis(B));
		expect(verifyAuditChains(db)).toEqual([]);
		expect(verifyAuditLog(db)).toBeNull();
	});

	it('names the chain and the first bad entry when one chain is tampered with, and only that chain', () => {
		fill();
		const bad = rows(B)[2]!;
		db.$client.prepare("update audit_log set action = 'b.forged' where seq = ?").run(bad.seq);
		expect(verifyAuditChains(db)).toEqual([
			{ chain: B, seq: bad.seq, problem: expect.stringContaining('hash') }
		]);
		expect(verifyAuditLog(db)).toBe(bad.seq);
	});

	it('notices an entry moved into another chain', () => {
		fill();
		const moved = rows(A).at(-1)!;
		db.$client.prepare('update audit_log set chain = ? where seq = ?').run(B, moved.seq);
		const faults = verifyAuditChains(db);
		expect(faults).toContainEqual({
			chain: B,
			seq: moved.seq,
			problem: expect.stringContaining('prev_hash')
		});
		expect(faults).toContainEqual({
			chain: A,
			seq: moved.seq,
			problem: expect.stringContaining('missing')
		});
	});

	it('notices a removed tail of a chain that is not the newest entry overall', () => {
		fill();
		const tail = rows(A).at(-1)!;
		audit(db, 'u2', 'b.after', null, {}, B);
		db.$client.prepare('delete from audit_log where seq = ?').run(tail.seq);
		const faults = verifyAuditChains(db);
		expect(faults).toContainEqual({
			chain: A,
			seq: tail.seq,
			problem: expect.stringContaining('newest entry')
		});
		expect(faults.some((f) => f.chain === B)).toBe(false);
		expect(verifyAuditLog(db)).toBe(tail.seq);
	});

	it('keeps appending after a removed tail without hiding it', () => {
		fill();
		const tail = rows(A).at(-1)!;
		db.$client.prepare('delete from audit_log where seq = ?').run(tail.seq);
		audit(db, 'u1', 'a.next', null, {}, A);
		expect(verifyAuditChains(db).find((f) => f.chain === A)?.seq).toBe(rows(A).at(-1)!.seq);
	});

	it('npm run audit:verify names the first bad entry of each chain and exits 1', () => {
		fill();
		const script = ['--import', 'tsx', 'scripts/audit-verify.ts', path.join(dir, 'yiting.db')];
		const ok = spawnSync(process.execPath, script, { encoding: 'utf8' });
		expect(ok.status).toBe(0);
		expect(ok.stdout).toContain(`ok   ${A}: 6 entries`);
		const bad = rows(A)[1]!;
		db.$client.prepare("update audit_log set detail = '{}' where seq = ?").run(bad.seq);
		const r = spawnSync(process.execPath, script, { encoding: 'utf8' });
		expect(r.status).toBe(1);
		expect(r.stdout).toContain(`BAD  ${A}: entry ${bad.seq} its content does not match its hash`);
		expect(r.stdout).toContain(`ok   ${B}: 6 entries`);
	});
});

describe('audit entries written before chains existed', () => {
	it('become the global chain and still verify after the migration', () => {
		db.$client.close();
		// A database as it was before migration 0009, with entries hashed as they were then.
		const old = path.join(dir, 'old.db');
		const migrations = path.join(dir, 'migrations');
		fs.cpSync('migrations', migrations, { recursive: true });
		const journalFile = path.join(migrations, 'meta', '_journal.json');
		const journal = JSON.parse(fs.readFileSync(journalFile, 'utf8')) as {
			entries: { idx: number }[];
		};
		fs.writeFileSync(
			journalFile,
			JSON.stringify({ ...journal, entries: journal.entries.filter((e) => e.idx <= 8) })
		);
		const before = process.env.MIGRATIONS_DIR;
		process.env.MIGRATIONS_DIR = migrations;
		try {
			db = openDb(old);
		} finally {
			if (before === undefined) delete process.env.MIGRATIONS_DIR;
			else process.env.MIGRATIONS_DIR = before;
		}
		let prev = '0'.repeat(64);
		for (let i = 0; i < 5; i++) {
			const e = [prev, 1_700_000_000_000 + i, 'u1', `old.${i}`, null, '{}'] as const;
			const hash = createHash('sha256').update(JSON.stringify(e)).digest('hex');
			db.$client
				.prepare(
					'insert into audit_log (at, actor_id, action, target, detail, prev_hash, hash) values (?, ?, ?, ?, ?, ?, ?)'
				)
				.run(e[1], e[2], e[3], e[4], e[5], prev, hash);
			prev = hash;
		}
		db.$client.close();
		db = openDb(old);
		expect(verifyAuditChains(db)).toEqual([]);
		// New entries without a committee continue the same chain; committees start their own.
		audit(db, 'u1', 'new.global', null);
		audit(db, 'u1', 'new.committee', null, {}, A);
		expect(rows(GLOBAL_CHAIN)).toHaveLength(6);
		expect(rows(GLOBAL_CHAIN)[5]!.prev_hash).toBe(prev);
		expect(verifyAuditChains(db)).toEqual([]);
		db.$client.prepare("update audit_log set action = 'old.forged' where seq = 2").run();
		expect(verifyAuditChains(db)).toEqual([
			{ chain: GLOBAL_CHAIN, seq: 2, problem: expect.any(String) }
		]);
	});
});
