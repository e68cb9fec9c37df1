DROP INDEX `need_board`;--> statement-breakpoint
CREATE INDEX `need_board` ON `need` (`committee_id`,`created_at`);