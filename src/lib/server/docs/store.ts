/**
 * Storage of shared Yjs documents in SQLite: an append-only update log per document, compacted
 * into one snapshot row. The Yjs server appends each update here before relaying it.
 */
import { asc, eq, sql } from 'drizzle-orm';
import * as Y from 'yjs';
import type { Db, DbLike } from '../db';
import { docUpdates } from '../db/schema';

export function loadDocUpdates(db: Db, name: string): Uint8Array[] {
	return db
		.select({ update: docUpdates.update })
		.from(docUpdates)
		.where(eq(docUpdates.docName, name))
		.orderBy(asc(docUpdates.seq))
		.all()
		.map((r) => r.update);
}

/** Append one update. */
export function appendDocUpdate(db: DbLike, name: string, update: Uint8Array): void {
	db.insert(docUpdates)
		.values({ docName: name, update: Buffer.from(update), createdAt: new Date() })
		.run();
}

/** Append many updates (of any documents) in one transaction: one commit, one fsync. */
export function appendDocUpdates(db: Db, rows: { name: string; update: Uint8Array }[]): void {
	const createdAt = new Date();
	db.transaction(
		(tx) => {
			for (const { name, update } of rows)
				tx.insert(docUpdates)
					.values({ docName: name, update: Buffer.from(update), createdAt })
					.run();
		},
		{ behavior: 'immediate' }
	);
}

/** Replace a document's log by one snapshot, atomically. */
export function compactDoc(db: Db, name: string, snapshot: Uint8Array): void {
	db.transaction(
		(tx) => {
			tx.delete(docUpdates).where(eq(docUpdates.docName, name)).run();
			tx.insert(docUpdates)
				.values({ docName: name, update: Buffer.from(snapshot), createdAt: new Date() })
				.run();
		},
		{ behavior: 'immediate' }
	);
}

export function countDocUpdates(db: Db, name: string): number {
	return (
		db
			.select({ n: sql<number>`count(*)` })
			.from(docUpdates)
			.where(eq(docUpdates.docName, name))
			.get()?.n ?? 0
	);
}

/** Build a Y.Doc from the stored log alone (what a restarted server would serve). */
export function readStoredDoc(db: Db, name: string): Y.Doc {
	const doc = new Y.Doc();
	for (const u of loadDocUpdates(db, name)) Y.applyUpdate(doc, u);
	return doc;
}

/** Store the initial content of a new document (no live copy exists yet). */
export function writeNewDoc(db: DbLike, name: string, init: (doc: Y.Doc) => void): void {
	const doc = new Y.Doc();
	init(doc);
	appendDocUpdate(db, name, Y.encodeStateAsUpdate(doc));
	doc.destroy();
}

/** Change a document that no server has loaded: apply `fn` to the stored state and append the difference. */
export function changeStoredDoc(db: DbLike & Db, name: string, fn: (doc: Y.Doc) => void): void {
	const doc = readStoredDoc(db, name);
	const updates: Uint8Array[] = [];
	doc.on('update', (u: Uint8Array) => updates.push(u));
	doc.transact(() => fn(doc), 'server');
	for (const u of updates) appendDocUpdate(db, name, u);
	doc.destroy();
}
