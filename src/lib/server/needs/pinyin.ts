/**
 * Pinyin search keys for need titles, so "ld", "ludeng" and "lu deng" find 路灯 as Chinese users
 * expect from a search box. The keys are stored on the need (`title_pinyin`) and indexed by
 * need_pinyin (migration 0007); queries: search.ts.
 */
import { pinyin } from 'pinyin-pro';

/** Keys start at every syllable and run this many syllables at most: enough for a typed query. */
const WINDOW = 8;

/** A title's syllables: pinyin for Chinese characters, lower-case words and numbers for the rest. */
export function syllables(text: string): string[] {
	return pinyin(text, { toneType: 'none', type: 'array', v: true, nonZh: 'consecutive' }).flatMap(
		(s) =>
			s
				.toLowerCase()
				.split(/[^a-z0-9]+/)
				.filter(Boolean)
	);
}

/**
 * The keys of a title, space-separated: from each syllable on, the full pinyin run together
 * (ludengbuliang) and the initials (ldbl). A prefix query on them matches from any syllable.
 */
export function pinyinKeys(title: string): string {
	const s = syllables(title);
	const keys = new Set<string>();
	for (let i = 0; i < s.length; i++) {
		const run = s.slice(i, i + WINDOW);
		keys.add(run.join(''));
		keys.add(run.map((x) => x[0]).join(''));
	}
	return [...keys].join(' ');
}

/**
 * A query as pinyin: letters (and the spaces or apostrophes people type between syllables) run
 * together, lower-case, ü as v. Null when the query is not pinyin-like or too short to mean much.
 */
export function pinyinQuery(text: string): string | null {
	if (!/^[a-zA-ZüÜ\s']+$/.test(text)) return null;
	const compact = text
		.toLowerCase()
		.replace(/[\s']+/g, '')
		.replace(/ü/g, 'v');
	return compact.length >= 2 ? compact : null;
}
