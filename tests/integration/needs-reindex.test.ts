/**
 * The needs search indexes point at needs by rowid, and VACUUM may renumber the rowids of a
 * table without an INTEGER PRIMARY KEY (need's key is a text id). Renumbering is simulated
 * here the way VACUUM would leave it — rowids changed, no trigger fired — and
 * `reindexNeedSearch` (npm run db:reindex) has to put search right again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../helpers/app';
import { loadActor } from '../../src/lib/server/auth/session';
import { needs } from '../../src/lib/server/db/schema';
import { backfillTitlePinyin, reindexNeedSearch } from '../../src/lib/server/needs/search-index';
import { syllables } from '../../src/lib/server/needs/pinyin';
import { listNeeds } from '../../src/lib/server/needs/queries';
import { needQuery } from '../../src/lib/shared/schemas/needs';

let t: TestApp;
beforeAll(async () => {
	t = await startApp();
});
afterAll(async () => {
	await t.close();
});

describe('needs search after the rowids move', () => {
	it('search is wrong after renumbering and right again after reindexing, for every query length', () => {
		const admin = loadActor(t.db, t.userId('admin'));
		const committeeId = admin.roles[0]!.committeeId;
		const search = (q: string) =>
			listNeeds(t.db, admin, committeeId, needQuery.parse({ q, limit: 200 }))
				.items.map((n) => n.id)
				.sort();
		const texts = t.db
			.select({ id: needs.id, title: needs.title, description: needs.description })
			.from(needs)
			.all();
		const truth = (q: string) =>
			texts
				.filter((n) => `${n.title}\n${n.description}`.includes(q))
				.map((n) => n.id)
				.sort();
		const probe = texts.at(-1)!.title;
		const queries = [
			[...probe].slice(0, 4).join(''),
			[...probe].slice(0, 2).join(''),
			[...probe][0]!
		];
		// And by pinyin: the initials of the title's first four syllables.
		const pinyin = syllables(probe)
			.slice(0, 4)
			.map((s) => s[0])
			.join('');
		const before = Object.fromEntries([...queries, pinyin].map((q) => [q, search(q)]));
		expect(before[pinyin], pinyin).toContain(texts.at(-1)!.id);
		for (const q of queries) {
			expect(before[q]!.length, q).toBeGreaterThan(0);
			for (const id of before[q]!) expect(truth(q), q).toContain(id);
		}

		// What a renumbering VACUUM leaves: the same needs under other rowids, the indexes untouched.
		t.db.$client.exec('update need set rowid = rowid + 100000');
		expect(search(queries[0]!)).toEqual([]);
		expect(search(pinyin)).not.toContain(texts.at(-1)!.id);

		const n = reindexNeedSearch(t.db);
		expect(n).toBe(texts.length);
		// The same hits as before the rowids moved.
		for (const q of [...queries, pinyin]) expect(search(q), q).toEqual(before[q]);
	});

	it('needs stored without pinyin keys (before migration 0007) get them when the database is opened', () => {
		const admin = loadActor(t.db, t.userId('admin'));
		const committeeId = admin.roles[0]!.committeeId;
		const last = t.db.select({ id: needs.id, title: needs.title }).from(needs).all().at(-1)!;
		// Longer than any category's pinyin, so only the title can match.
		const pinyin = syllables(last.title).join('').slice(0, 10);
		const search = () =>
			listNeeds(t.db, admin, committeeId, needQuery.parse({ q: pinyin, limit: 200 })).items.map(
				(n) => n.id
			);
		expect(search()).toContain(last.id);
		t.db.$client.exec(`update need set title_pinyin = ''`);
		expect(search()).not.toContain(last.id);
		expect(backfillTitlePinyin(t.db)).toBeGreaterThan(0);
		expect(search()).toContain(last.id);
		expect(backfillTitlePinyin(t.db)).toBe(0);
	});
});
