import { index, integer, blob, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * The update log of shared Yjs documents. Every update is appended here before it is relayed;
 * compaction replaces a document's rows by one snapshot row (`Y.encodeStateAsUpdate`).
 */
export const docUpdates = sqliteTable(
	'doc_update',
	{
		seq: integer('seq').primaryKey({ autoIncrement: true }),
		docName: text('doc_name').notNull(),
		update: blob('update', { mode: 'buffer' }).notNull(),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [index('doc_update_name').on(t.docName, t.seq)]
);
