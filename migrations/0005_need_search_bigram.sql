-- Two-character search over needs (the common Chinese query: 停车, 电梯, 噪音). The trigram index
-- (need_fts, 0002) cannot match fewer than three characters, and LIKE reads every need.
-- need_bigram indexes every overlapping pair of characters of title and description as one
-- token: unicode61 keeps letters and digits together, so 电梯 is one token, and a pair with
-- punctuation or a space in it leaves a one-character token. Contentless: it stores the index
-- only, no text. Queries: services/needs.ts (listNeeds).
CREATE VIRTUAL TABLE `need_bigram` USING fts5(grams, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0');
--> statement-breakpoint
-- The pairs of a text, space-separated: json_each over an array of length(t) zeros numbers the
-- positions (triggers may not use WITH RECURSIVE).
CREATE TRIGGER `need_bigram_insert` AFTER INSERT ON `need` BEGIN
	INSERT INTO need_bigram(rowid, grams)
	SELECT new.rowid, group_concat(substr(s.t, j.key + 1, 2), ' ')
	FROM (SELECT new.title || char(10) || new.description AS t) AS s,
		json_each('[' || rtrim(replace(hex(zeroblob(length(s.t))), '00', '0,'), ',') || ']') AS j;
END;
--> statement-breakpoint
CREATE TRIGGER `need_bigram_delete` AFTER DELETE ON `need` BEGIN
	DELETE FROM need_bigram WHERE rowid = old.rowid;
END;
--> statement-breakpoint
CREATE TRIGGER `need_bigram_update` AFTER UPDATE OF title, description ON `need` BEGIN
	DELETE FROM need_bigram WHERE rowid = old.rowid;
	INSERT INTO need_bigram(rowid, grams)
	SELECT new.rowid, group_concat(substr(s.t, j.key + 1, 2), ' ')
	FROM (SELECT new.title || char(10) || new.description AS t) AS s,
		json_each('[' || rtrim(replace(hex(zeroblob(length(s.t))), '00', '0,'), ',') || ']') AS j;
END;
--> statement-breakpoint
INSERT INTO need_bigram(rowid, grams)
SELECT n.rowid, (
	SELECT group_concat(substr(s.t, j.key + 1, 2), ' ')
	FROM (SELECT n.title || char(10) || n.description AS t) AS s,
		json_each('[' || rtrim(replace(hex(zeroblob(length(s.t))), '00', '0,'), ',') || ']') AS j
)
FROM need AS n;
