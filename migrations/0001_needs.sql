CREATE TABLE `need_category` (
	`id` text PRIMARY KEY NOT NULL,
	`committee_id` text NOT NULL,
	`code` text NOT NULL,
	`name_zh` text NOT NULL,
	`name_en` text NOT NULL,
	`sort` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`committee_id`) REFERENCES `committee`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `need_category_code` ON `need_category` (`committee_id`,`code`);--> statement-breakpoint
CREATE TABLE `need_event` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`need_id` text NOT NULL,
	`at` integer NOT NULL,
	`actor_id` text,
	`kind` text NOT NULL,
	`detail` text DEFAULT '{}' NOT NULL,
	FOREIGN KEY (`need_id`) REFERENCES `need`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`actor_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `need_event_need` ON `need_event` (`need_id`,`id`);--> statement-breakpoint
CREATE TABLE `need_photo` (
	`id` text PRIMARY KEY NOT NULL,
	`need_id` text NOT NULL,
	`file` text NOT NULL,
	`mime` text NOT NULL,
	`bytes` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`need_id`) REFERENCES `need`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `need_support` (
	`need_id` text NOT NULL,
	`user_id` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`need_id`, `user_id`),
	FOREIGN KEY (`need_id`) REFERENCES `need`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `need_support_user` ON `need_support` (`user_id`);--> statement-breakpoint
CREATE TABLE `need` (
	`id` text PRIMARY KEY NOT NULL,
	`committee_id` text NOT NULL,
	`community_id` text,
	`grid_id` text,
	`title` text NOT NULL,
	`description` text NOT NULL,
	`category` text NOT NULL,
	`location` text DEFAULT '' NOT NULL,
	`visibility` text NOT NULL,
	`status` text DEFAULT 'submitted' NOT NULL,
	`submitted_by` text,
	`entered_by` text,
	`channel` text DEFAULT 'online' NOT NULL,
	`contact_name` text DEFAULT '' NOT NULL,
	`contact_phone_enc` blob,
	`contact_phone_masked` text DEFAULT '' NOT NULL,
	`merged_into` text,
	`decline_reason` text,
	`support_count` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`respond_by` integer NOT NULL,
	`responded_at` integer,
	FOREIGN KEY (`committee_id`) REFERENCES `committee`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`community_id`) REFERENCES `community`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`grid_id`) REFERENCES `grid`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`submitted_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`entered_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "need_status_value" CHECK(status in ('submitted', 'accepted', 'declined', 'merged', 'on_agenda', 'decided', 'in_progress', 'done', 'rated')),
	CONSTRAINT "need_visibility_value" CHECK(visibility in ('public', 'private')),
	CONSTRAINT "need_channel_value" CHECK(channel in ('online', 'phone', 'visit', 'grid_visit'))
);
--> statement-breakpoint
CREATE INDEX `need_board` ON `need` (`committee_id`,`visibility`,`created_at`);--> statement-breakpoint
CREATE INDEX `need_support_sort` ON `need` (`committee_id`,`support_count`);--> statement-breakpoint
CREATE INDEX `need_status` ON `need` (`committee_id`,`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `need_submitter` ON `need` (`submitted_by`);--> statement-breakpoint
CREATE TABLE `notification` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`kind` text NOT NULL,
	`params` text DEFAULT '{}' NOT NULL,
	`link` text NOT NULL,
	`created_at` integer NOT NULL,
	`read_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `notification_user` ON `notification` (`user_id`,`read_at`,`created_at`);