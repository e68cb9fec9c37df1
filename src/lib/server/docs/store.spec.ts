import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as Y from 'yjs';
import { openDb } from '../db';
import { appendDocUpdate, compactDoc, countDocUpdates, readStoredDoc } from './store';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yiting-store-'));
const db = openDb(path.join(dir, 'yiting.db'));
afterAll(() => db.$client.close());

// An edit by one replica: insert or delete at a position scaled into the current text.
const edit = fc.record({
	replica: fc.nat(4),
	kind: fc.constantFrom('insert', 'delete'),
	at: fc.double({ min: 0, max: 1, noNaN: true }),
	text: fc.string({ minLength: 1, maxLength: 4 })
});

describe('shared documents converge and reload from storage', () => {
	let run = 0;
	it('any order and duplication of updates across replicas converges, and equals the stored log', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 3, max: 5 }),
				fc.array(edit, { minLength: 1, maxLength: 25 }),
				fc.integer(),
				(n, edits, seed) => {
					const name = `test/r${run++}/doc`;
					const replicas = Array.from({ length: n }, () => new Y.Doc());
					const updates: Uint8Array[] = [];
					for (const r of replicas) r.on('update', (u: Uint8Array) => updates.push(u));
					for (const e of edits) {
						const doc = replicas[e.replica % n]!;
						const text = doc.getText('t');
						const at = Math.floor(e.at * text.length);
						if (e.kind === 'insert' || text.length === 0) text.insert(at, e.text);
						else text.delete(Math.min(at, text.length - 1), 1);
					}
					// Deliver every update to every replica in a shuffled order, some twice.
					let s = seed;
					const rand = () => (s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
					const all = [...updates];
					for (const doc of replicas) {
						const order = [...all, ...all.filter(() => rand() < 0.3)].sort(() => rand() - 0.5);
						for (const u of order) Y.applyUpdate(doc, u);
					}
					// One transaction per run: one fsync instead of one per update.
					db.transaction((tx) => {
						for (const u of [...all].sort(() => rand() - 0.5)) appendDocUpdate(tx, name, u);
					});
					const texts = replicas.map((r) => r.getText('t').toString());
					expect(new Set(texts).size).toBe(1);
					expect(readStoredDoc(db, name).getText('t').toString()).toBe(texts[0]);
				}
			),
			{ numRuns: 1000, seed: 7 }
		);
	}, 120_000);

	it('compaction keeps the content and leaves one row', () => {
		const doc = new Y.Doc();
		doc.on('update', (u: Uint8Array) => appendDocUpdate(db, 'test/compact/doc', u));
		for (let i = 0; i < 50; i++) doc.getText('t').insert(i, String(i % 10));
		expect(countDocUpdates(db, 'test/compact/doc')).toBe(50);
		compactDoc(db, 'test/compact/doc', Y.encodeStateAsUpdate(doc));
		expect(countDocUpdates(db, 'test/compact/doc')).toBe(1);
		expect(readStoredDoc(db, 'test/compact/doc').getText('t').toString()).toBe(
			doc.getText('t').toString()
		);
	});
});
