/**
 * Rebuild the needs search indexes from the need table. They point at needs by rowid, and
 * `VACUUM` may renumber the rowids of a table without an INTEGER PRIMARY KEY (need's key is a
 * text id): after a VACUUM — or if search ever disagrees with the board — run
 * `npm run db:reindex` with the server stopped.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../db';
import { pinyinKeys } from './pinyin';

/**
 * Write the pinyin keys of needs that have none (stored before migration 0007, or by a tool that
 * wrote SQL directly); need_pinyin's trigger indexes them. Returns how many were written.
 */
export function backfillTitlePinyin(db: Db): number {
	const rows = db.$client
		.prepare(`select rowid as r, title from need where title_pinyin = '' and title <> ''`)
		.all() as { r: number; title: string }[];
	if (!rows.length) return 0;
	const write = db.$client.prepare(`update need set title_pinyin = ? where rowid = ?`);
	db.$client.transaction(() => {
		for (const { r, title } of rows) write.run(pinyinKeys(title), r);
	})();
	return rows.length;
}

/** Returns how many needs were indexed. */
export function reindexNeedSearch(db: Db): number {
	return db.transaction(
		(tx) => {
			// need_fts reads its text from need (external content): 'rebuild' re-reads it all.
			tx.run(sql`insert into need_fts(need_fts) values ('rebuild')`);
			// need_bigram is contentless: empty it and index every need again, as its triggers do.
			tx.run(sql`delete from need_bigram`);
			tx.run(sql`
				insert into need_bigram(rowid, grams)
				select n.rowid, (
					select group_concat(substr(s.t, j.key + 1, 2), ' ')
					from (select n.title || char(10) || n.description as t) as s,
						json_each('[' || rtrim(replace(hex(zeroblob(length(s.t))), '00', '0,'), ',') || ']') as j
				)
				from need as n`);
			tx.run(sql`delete from need_pinyin`);
			tx.run(
				sql`insert into need_pinyin(rowid, keys) select rowid, title_pinyin from need where title_pinyin <> ''`
			);
			return tx.get<{ n: number }>(sql`select count(*) as n from need`).n;
		},
		{ behavior: 'immediate' }
	);
}
