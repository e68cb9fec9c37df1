ALTER TABLE `need` ADD `title_pinyin` text DEFAULT '' NOT NULL;--> statement-breakpoint
-- Pinyin search over need titles ("ld", "ludeng", "lu deng" find 路灯). The app writes the keys
-- into need.title_pinyin (src/lib/server/needs-pinyin.ts: from each syllable on, the full pinyin
-- run together and the initials); need_pinyin indexes them, with prefix indexes because every
-- pinyin query is a prefix query. Needs stored before this migration get their keys when the
-- database is next opened (backfillTitlePinyin). Contentless, like need_bigram.
CREATE VIRTUAL TABLE `need_pinyin` USING fts5(keys, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0', prefix='2 3');
--> statement-breakpoint
CREATE TRIGGER `need_pinyin_insert` AFTER INSERT ON `need` WHEN new.title_pinyin <> '' BEGIN
	INSERT INTO need_pinyin(rowid, keys) VALUES (new.rowid, new.title_pinyin);
END;
--> statement-breakpoint
CREATE TRIGGER `need_pinyin_delete` AFTER DELETE ON `need` BEGIN
	DELETE FROM need_pinyin WHERE rowid = old.rowid;
END;
--> statement-breakpoint
CREATE TRIGGER `need_pinyin_update` AFTER UPDATE OF title_pinyin ON `need` BEGIN
	DELETE FROM need_pinyin WHERE rowid = old.rowid;
	INSERT INTO need_pinyin(rowid, keys) SELECT new.rowid, new.title_pinyin WHERE new.title_pinyin <> '';
END;
