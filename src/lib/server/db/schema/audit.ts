import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * The audit log: who did what. Each entry carries the SHA-256 of the previous entry's hash and
 * its own content, so any change, removal, insertion or reordering is detected on verification.
 */
export const auditLog = sqliteTable('audit_log', {
	seq: integer('seq').primaryKey({ autoIncrement: true }),
	at: integer('at', { mode: 'timestamp_ms' }).notNull(),
	actorId: text('actor_id'),
	action: text('action').notNull(),
	target: text('target'),
	detail: text('detail').notNull().default('{}'),
	prevHash: text('prev_hash').notNull(),
	hash: text('hash').notNull()
});
export type AuditEntry = typeof auditLog.$inferSelect;
