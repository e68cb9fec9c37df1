-- Full-text search over needs: FTS5 with the trigram tokenizer, which finds substrings in
-- Chinese as well as English (queries of three characters or more; shorter ones use LIKE).
-- External content: the index reads title and description from the need table by rowid.
CREATE VIRTUAL TABLE `need_fts` USING fts5(title, description, content='need', content_rowid='rowid', tokenize='trigram');
--> statement-breakpoint
CREATE TRIGGER `need_fts_insert` AFTER INSERT ON `need` BEGIN
	INSERT INTO need_fts(rowid, title, description) VALUES (new.rowid, new.title, new.description);
END;
--> statement-breakpoint
CREATE TRIGGER `need_fts_delete` AFTER DELETE ON `need` BEGIN
	INSERT INTO need_fts(need_fts, rowid, title, description) VALUES ('delete', old.rowid, old.title, old.description);
END;
--> statement-breakpoint
CREATE TRIGGER `need_fts_update` AFTER UPDATE OF title, description ON `need` BEGIN
	INSERT INTO need_fts(need_fts, rowid, title, description) VALUES ('delete', old.rowid, old.title, old.description);
	INSERT INTO need_fts(rowid, title, description) VALUES (new.rowid, new.title, new.description);
END;
