CREATE TABLE `agenda_need` (
	`meeting_id` text NOT NULL,
	`item_id` text NOT NULL,
	`need_id` text NOT NULL,
	PRIMARY KEY(`meeting_id`, `need_id`),
	FOREIGN KEY (`meeting_id`) REFERENCES `meeting`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `agenda_need_need` ON `agenda_need` (`need_id`);--> statement-breakpoint
CREATE TABLE `calendar_token` (
	`user_id` text PRIMARY KEY NOT NULL,
	`token_hash` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `calendar_token_token_hash_unique` ON `calendar_token` (`token_hash`);--> statement-breakpoint
CREATE TABLE `meeting_community` (
	`meeting_id` text NOT NULL,
	`community_id` text NOT NULL,
	PRIMARY KEY(`meeting_id`, `community_id`),
	FOREIGN KEY (`meeting_id`) REFERENCES `meeting`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`community_id`) REFERENCES `community`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `meeting_person` (
	`meeting_id` text NOT NULL,
	`user_id` text NOT NULL,
	PRIMARY KEY(`meeting_id`, `user_id`),
	FOREIGN KEY (`meeting_id`) REFERENCES `meeting`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `meeting_person_user` ON `meeting_person` (`user_id`);--> statement-breakpoint
CREATE TABLE `meeting_unit` (
	`meeting_id` text NOT NULL,
	`unit_id` text NOT NULL,
	PRIMARY KEY(`meeting_id`, `unit_id`),
	FOREIGN KEY (`meeting_id`) REFERENCES `meeting`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`unit_id`) REFERENCES `unit`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `meeting` (
	`id` text PRIMARY KEY NOT NULL,
	`committee_id` text NOT NULL,
	`type` text NOT NULL,
	`title` text NOT NULL,
	`starts_at` integer NOT NULL,
	`ends_at` integer NOT NULL,
	`place` text DEFAULT '' NOT NULL,
	`video_url` text DEFAULT '' NOT NULL,
	`visibility` text NOT NULL,
	`quorum` integer DEFAULT 0 NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`sequence` integer DEFAULT 0 NOT NULL,
	`created_by` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`committee_id`) REFERENCES `committee`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "meeting_type_value" CHECK(type in ('monthly_joint', 'thematic', 'annual_evaluation', 'resident_deliberation')),
	CONSTRAINT "meeting_status_value" CHECK(status in ('draft', 'scheduled', 'live', 'closed', 'cancelled')),
	CONSTRAINT "meeting_visibility_value" CHECK(visibility in ('members', 'public')),
	CONSTRAINT "meeting_times" CHECK(ends_at > starts_at)
);
--> statement-breakpoint
CREATE INDEX `meeting_time` ON `meeting` (`committee_id`,`starts_at`);