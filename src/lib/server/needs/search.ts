/**
 * The board's search: which needs a typed query finds. Text by substring (Chinese and English),
 * the category by its name, and titles by pinyin — full, initials, or spaced ("ludeng", "ld",
 * "lu deng" → 路灯) — as Chinese users expect from a search box. Used by listNeeds.
 */
import { asc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db';
import { needCategories, needs } from '../db/schema';
import { pinyinQuery, syllables } from './pinyin';

/** Up to this many search hits are fetched by rowid and sorted; more, and the board index is walked. */
const FEW_HITS = 1000;

export interface NeedSearch {
	/** The condition a need must meet. */
	where: SQL;
	/** The hits are few: look them up by rowid instead of walking the board index. */
	byHits: boolean;
}

export function needSearch(db: Db, committeeId: string, text: string): NeedSearch {
	const conditions: SQL[] = [];
	const hitQueries: SQL[] = [];
	// Three characters or more: the trigram index (need_fts). Two letters or digits (常见: 两个汉字):
	// the bigram index (need_bigram). One letter or digit: a prefix query on the bigram index —
	// every occurrence of a character starts a token there (a pair, or the character alone at
	// the end of a text or before punctuation). A pair or a character with punctuation: LIKE,
	// which reads every need.
	const length = [...text].length;
	const wordy = /^[\p{L}\p{N}]+$/u.test(text);
	const index = length >= 3 ? 'need_fts' : length <= 2 && wordy ? 'need_bigram' : null;
	if (index) {
		const phrase = `"${text.replace(/"/g, '""')}"${length === 1 ? '*' : ''}`;
		hitQueries.push(
			sql`select rowid from ${sql.identifier(index)} where ${sql.identifier(index)} match ${phrase}`
		);
	} else {
		const like = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
		conditions.push(
			sql`(${needs.title} like ${like} escape '\\' or ${needs.description} like ${like} escape '\\')`
		);
	}
	const pinyin = pinyinQuery(text);
	// Every pinyin query is a prefix: "lud" while typing "ludeng"; need_pinyin has prefix indexes.
	if (pinyin)
		hitQueries.push(sql`select rowid from need_pinyin where need_pinyin match ${`"${pinyin}"*`}`);
	const codes = categoriesMatching(db, committeeId, text, pinyin);
	if (codes.length) conditions.push(inArray(needs.category, codes));
	let byHits = false;
	if (hitQueries.length) {
		const hits = sql.join(hitQueries, sql` union `);
		conditions.push(sql`${needs}.rowid in (${hits})`);
		// SQLite walks the board index and checks each need against the hits, which is quick when
		// they are many (a page fills early) but visits every need of the committee when they are
		// few. Then the caller looks the hits up by rowid and sorts them instead.
		byHits =
			conditions.length === 1 &&
			db.get<{ n: number }>(sql`select count(*) as n from (${hits} limit ${FEW_HITS + 1})`).n <=
				FEW_HITS;
	}
	return { where: conditions.length === 1 ? conditions[0]! : or(...conditions)!, byHits };
}

/** The committee's categories a query names: 停车, "parking", "tingche" or "tc" find 停车. */
function categoriesMatching(
	db: Db,
	committeeId: string,
	text: string,
	pinyin: string | null
): string[] {
	const lower = text.toLowerCase();
	return db
		.select({ code: needCategories.code, zh: needCategories.nameZh, en: needCategories.nameEn })
		.from(needCategories)
		.where(eq(needCategories.committeeId, committeeId))
		.orderBy(asc(needCategories.sort))
		.all()
		.filter((c) => {
			if (c.zh.includes(text)) return true;
			if (
				lower.length >= 2 &&
				c.en
					.toLowerCase()
					.split(/\s+/)
					.some((w) => w.startsWith(lower))
			)
				return true;
			if (!pinyin) return false;
			const s = syllables(c.zh);
			return s.join('').startsWith(pinyin) || s.map((x) => x[0]).join('') === pinyin;
		})
		.map((c) => c.code);
}
