CREATE TABLE `audit_chain` (
	`chain` text PRIMARY KEY NOT NULL,
	`seq` integer NOT NULL,
	`hash` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `job` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`key` text NOT NULL,
	`payload` text DEFAULT '{}' NOT NULL,
	`due_at` integer NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`done_at` integer,
	`failed_at` integer,
	`last_error` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `job_key_unique` ON `job` (`key`);--> statement-breakpoint
CREATE INDEX `job_pending_due` ON `job` (`due_at`) WHERE done_at is null and failed_at is null;--> statement-breakpoint
ALTER TABLE `audit_log` ADD `chain` text DEFAULT 'global' NOT NULL;--> statement-breakpoint
CREATE INDEX `audit_log_chain_seq` ON `audit_log` (`chain`,`seq`);--> statement-breakpoint
-- Entries written before chains existed stay one chain, 'global', whose hashes still verify as written.
INSERT INTO `audit_chain` (`chain`, `seq`, `hash`) SELECT 'global', `seq`, `hash` FROM `audit_log` ORDER BY `seq` DESC LIMIT 1;
