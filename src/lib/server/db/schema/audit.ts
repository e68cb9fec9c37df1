import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * The audit log: who did what. Entries form separate hash chains (one per committee, one per
 * vote, 'global' for the rest): each entry carries the SHA-256 of the previous entry's hash in
 * its chain and its own content, so any change, removal, insertion or reordering is detected on
 * verification. `seq` numbers all entries of all chains without gaps.
 */
export const auditLog = sqliteTable(
	'audit_log',
	{
		seq: integer('seq').primaryKey({ autoIncrement: true }),
		chain: text('chain').notNull().default('global'),
		at: integer('at', { mode: 'timestamp_ms' }).notNull(),
		actorId: text('actor_id'),
		action: text('action').notNull(),
		target: text('target'),
		detail: text('detail').notNull().default('{}'),
		prevHash: text('prev_hash').notNull(),
		hash: text('hash').notNull()
	},
	(t) => [index('audit_log_chain_seq').on(t.chain, t.seq)]
);
export type AuditEntry = typeof auditLog.$inferSelect;

/**
 * The head of each chain: its newest entry. An append reads and moves only its own chain's
 * head, and verification compares it with the chain's last entry, so a removed tail shows.
 */
export const auditChains = sqliteTable('audit_chain', {
	chain: text('chain').primaryKey(),
	seq: integer('seq').notNull(),
	hash: text('hash').notNull()
});
