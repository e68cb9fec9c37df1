-- The ballot box is WITHOUT ROWID (added by hand): no row id that counts arrivals.
CREATE TABLE `ballot` (
	`id` text NOT NULL,
	`vote_id` text NOT NULL,
	`choice` text NOT NULL,
	`tracking_code` text,
	`origin` text NOT NULL,
	PRIMARY KEY(`vote_id`, `id`),
	FOREIGN KEY (`vote_id`) REFERENCES `vote`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "ballot_origin_value" CHECK(origin in ('online', 'proxy', 'room'))
) WITHOUT ROWID;
--> statement-breakpoint
CREATE UNIQUE INDEX `ballot_tracking_code` ON `ballot` (`vote_id`,`tracking_code`);--> statement-breakpoint
CREATE TABLE `motion_revision` (
	`id` text PRIMARY KEY NOT NULL,
	`motion_id` text NOT NULL,
	`text` text NOT NULL,
	`author_id` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`motion_id`) REFERENCES `motion`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `motion_revision_motion` ON `motion_revision` (`motion_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `motion` (
	`id` text PRIMARY KEY NOT NULL,
	`committee_id` text NOT NULL,
	`meeting_id` text,
	`item_id` text,
	`title` text NOT NULL,
	`text` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`reason` text DEFAULT '' NOT NULL,
	`created_by` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`committee_id`) REFERENCES `committee`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`meeting_id`) REFERENCES `meeting`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "motion_status_value" CHECK(status in ('draft', 'voting', 'adopted', 'rejected', 'inquorate', 'tie', 'withdrawn'))
);
--> statement-breakpoint
CREATE INDEX `motion_meeting` ON `motion` (`meeting_id`,`item_id`);--> statement-breakpoint
CREATE TABLE `resolution_need` (
	`resolution_id` text NOT NULL,
	`need_id` text NOT NULL,
	PRIMARY KEY(`resolution_id`, `need_id`),
	FOREIGN KEY (`resolution_id`) REFERENCES `resolution`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `resolution_need_need` ON `resolution_need` (`need_id`);--> statement-breakpoint
CREATE TABLE `resolution` (
	`id` text PRIMARY KEY NOT NULL,
	`committee_id` text NOT NULL,
	`year` integer NOT NULL,
	`seq` integer NOT NULL,
	`number` text NOT NULL,
	`title` text NOT NULL,
	`text` text NOT NULL,
	`vote_id` text NOT NULL,
	`motion_id` text,
	`meeting_id` text,
	`item_id` text,
	`option_id` text,
	`by_casting_vote` integer DEFAULT false NOT NULL,
	`adopted_at` integer NOT NULL,
	FOREIGN KEY (`committee_id`) REFERENCES `committee`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`vote_id`) REFERENCES `vote`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`motion_id`) REFERENCES `motion`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`meeting_id`) REFERENCES `meeting`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `resolution_vote_id_unique` ON `resolution` (`vote_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `resolution_number` ON `resolution` (`committee_id`,`year`,`seq`);--> statement-breakpoint
CREATE INDEX `resolution_meeting` ON `resolution` (`meeting_id`);--> statement-breakpoint
CREATE TABLE `vote_proxy` (
	`meeting_id` text NOT NULL,
	`from_user_id` text NOT NULL,
	`to_user_id` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`meeting_id`, `from_user_id`),
	FOREIGN KEY (`meeting_id`) REFERENCES `meeting`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`from_user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`to_user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "vote_proxy_not_self" CHECK(from_user_id <> to_user_id)
);
--> statement-breakpoint
CREATE TABLE `vote_roll` (
	`vote_id` text NOT NULL,
	`seat` text NOT NULL,
	`user_id` text,
	`unit_id` text,
	`proxy_id` text,
	`present` integer DEFAULT false NOT NULL,
	`cast_at` integer,
	`cast_by` text,
	`origin` text,
	`ballot_id` text,
	`receipt` blob,
	PRIMARY KEY(`vote_id`, `seat`),
	FOREIGN KEY (`vote_id`) REFERENCES `vote`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`proxy_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`cast_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "vote_roll_origin_value" CHECK(origin is null or origin in ('online', 'proxy', 'room'))
);
--> statement-breakpoint
CREATE INDEX `vote_roll_user` ON `vote_roll` (`user_id`);--> statement-breakpoint
CREATE INDEX `vote_roll_proxy` ON `vote_roll` (`proxy_id`);--> statement-breakpoint
CREATE TABLE `vote` (
	`id` text PRIMARY KEY NOT NULL,
	`committee_id` text NOT NULL,
	`meeting_id` text,
	`item_id` text,
	`motion_id` text,
	`title` text NOT NULL,
	`method` text NOT NULL,
	`spec` text NOT NULL,
	`secret` integer NOT NULL,
	`tracking_codes` integer DEFAULT true NOT NULL,
	`live_results` integer DEFAULT false NOT NULL,
	`electorate` text NOT NULL,
	`community_ids` text DEFAULT '[]' NOT NULL,
	`per` text DEFAULT 'person' NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`opened_at` integer,
	`closes_at` integer,
	`closed_at` integer,
	`present_count` integer DEFAULT 0 NOT NULL,
	`result` text,
	`result_hash` text,
	`decision` text,
	`revote_of` text,
	`created_by` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`committee_id`) REFERENCES `committee`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`meeting_id`) REFERENCES `meeting`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`motion_id`) REFERENCES `motion`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`created_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "vote_method_value" CHECK(method in ('yna', 'single', 'multiple', 'irv', 'borda', 'schulze', 'score')),
	CONSTRAINT "vote_status_value" CHECK(status in ('draft', 'open', 'closed')),
	CONSTRAINT "vote_electorate_value" CHECK(electorate in ('present', 'members', 'residents')),
	CONSTRAINT "vote_per_value" CHECK(per in ('person', 'unit')),
	CONSTRAINT "vote_closed_has_result" CHECK(status <> 'closed' or result is not null)
);
--> statement-breakpoint
CREATE INDEX `vote_meeting` ON `vote` (`meeting_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `vote_committee` ON `vote` (`committee_id`,`status`,`closes_at`);--> statement-breakpoint
ALTER TABLE `committee` ADD `vote_per` text DEFAULT 'person' NOT NULL;