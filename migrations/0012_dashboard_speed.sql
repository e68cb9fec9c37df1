-- The dashboard's figures are cached in the server process under the data version kept here
-- (added by hand: no drizzle table). Every insert, delete and update of a column the figures
-- read bumps it inside the writing transaction, so a cached figure is never served after the
-- data behind it changed: a committed write is seen by the very next call. Progress reports and
-- a task's progress are not read by the figures and do not bump it.
CREATE TABLE `insight_version` (
	`id` integer PRIMARY KEY NOT NULL CHECK (`id` = 1),
	`v` integer NOT NULL
);
--> statement-breakpoint
INSERT INTO `insight_version` (`id`, `v`) VALUES (1, 0);
--> statement-breakpoint
CREATE TRIGGER `task_insight_insert` AFTER INSERT ON `task` BEGIN UPDATE `insight_version` SET `v` = `v` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `task_insight_delete` AFTER DELETE ON `task` BEGIN UPDATE `insight_version` SET `v` = `v` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `task_insight_update` AFTER UPDATE OF committee_id, lead_unit_id, status, created_at, accept_by, accepted_at, due_at, done_at, resolution_id ON `task` BEGIN UPDATE `insight_version` SET `v` = `v` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `need_insight_insert` AFTER INSERT ON `need` BEGIN UPDATE `insight_version` SET `v` = `v` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `need_insight_delete` AFTER DELETE ON `need` BEGIN UPDATE `insight_version` SET `v` = `v` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `need_insight_update` AFTER UPDATE OF committee_id, community_id, category, status, respond_by, created_at ON `need` BEGIN UPDATE `insight_version` SET `v` = `v` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `need_event_insight_insert` AFTER INSERT ON `need_event` WHEN new.kind = 'accepted' BEGIN UPDATE `insight_version` SET `v` = `v` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `need_event_insight_delete` AFTER DELETE ON `need_event` WHEN old.kind = 'accepted' BEGIN UPDATE `insight_version` SET `v` = `v` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `need_event_insight_update` AFTER UPDATE OF need_id, kind, at ON `need_event` BEGIN UPDATE `insight_version` SET `v` = `v` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `rating_insight_insert` AFTER INSERT ON `rating` BEGIN UPDATE `insight_version` SET `v` = `v` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `rating_insight_delete` AFTER DELETE ON `rating` BEGIN UPDATE `insight_version` SET `v` = `v` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `rating_insight_update` AFTER UPDATE OF need_id, task_id, score, created_at ON `rating` BEGIN UPDATE `insight_version` SET `v` = `v` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `resolution_insight_insert` AFTER INSERT ON `resolution` BEGIN UPDATE `insight_version` SET `v` = `v` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `resolution_insight_delete` AFTER DELETE ON `resolution` BEGIN UPDATE `insight_version` SET `v` = `v` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `resolution_insight_update` AFTER UPDATE OF committee_id, number, title, adopted_at ON `resolution` BEGIN UPDATE `insight_version` SET `v` = `v` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `unit_insight_insert` AFTER INSERT ON `unit` BEGIN UPDATE `insight_version` SET `v` = `v` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `unit_insight_delete` AFTER DELETE ON `unit` BEGIN UPDATE `insight_version` SET `v` = `v` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `unit_insight_update` AFTER UPDATE OF committee_id, name, created_at ON `unit` BEGIN UPDATE `insight_version` SET `v` = `v` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `community_insight_insert` AFTER INSERT ON `community` BEGIN UPDATE `insight_version` SET `v` = `v` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `community_insight_delete` AFTER DELETE ON `community` BEGIN UPDATE `insight_version` SET `v` = `v` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `community_insight_update` AFTER UPDATE OF committee_id, name, created_at ON `community` BEGIN UPDATE `insight_version` SET `v` = `v` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `need_category_insight_insert` AFTER INSERT ON `need_category` BEGIN UPDATE `insight_version` SET `v` = `v` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `need_category_insight_delete` AFTER DELETE ON `need_category` BEGIN UPDATE `insight_version` SET `v` = `v` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `need_category_insight_update` AFTER UPDATE OF committee_id, code, name_zh, name_en, sort ON `need_category` BEGIN UPDATE `insight_version` SET `v` = `v` + 1 WHERE `id` = 1; END;
