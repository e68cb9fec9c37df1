CREATE TABLE `meeting_attendance` (
	`meeting_id` text NOT NULL,
	`user_id` text NOT NULL,
	`role` text NOT NULL,
	`unit_name` text DEFAULT '' NOT NULL,
	`checked_in_at` integer,
	`first_seen_at` integer NOT NULL,
	`present_ms` integer DEFAULT 0 NOT NULL,
	`present_since` integer,
	PRIMARY KEY(`meeting_id`, `user_id`),
	FOREIGN KEY (`meeting_id`) REFERENCES `meeting`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `meeting_comment` (
	`id` text PRIMARY KEY NOT NULL,
	`meeting_id` text NOT NULL,
	`item_id` text NOT NULL,
	`author_id` text NOT NULL,
	`body` text NOT NULL,
	`hidden` integer DEFAULT false NOT NULL,
	`pinned` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`meeting_id`) REFERENCES `meeting`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `meeting_comment_item` ON `meeting_comment` (`meeting_id`,`item_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `hall_state` (
	`meeting_id` text PRIMARY KEY NOT NULL,
	`version` integer NOT NULL,
	`state` text NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`meeting_id`) REFERENCES `meeting`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `meeting_minutes` (
	`meeting_id` text PRIMARY KEY NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`finalised_by` text,
	`finalised_at` integer,
	`approved_by` text,
	`approved_at` integer,
	`approved_html` text,
	`approved_markdown` text,
	`approved_state` blob,
	FOREIGN KEY (`meeting_id`) REFERENCES `meeting`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`finalised_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`approved_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "minutes_status_value" CHECK(status in ('draft', 'finalised', 'approved'))
);
--> statement-breakpoint
CREATE TABLE `meeting_minutes_version` (
	`id` text PRIMARY KEY NOT NULL,
	`meeting_id` text NOT NULL,
	`name` text NOT NULL,
	`state` blob NOT NULL,
	`created_by` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`meeting_id`) REFERENCES `meeting`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `meeting_minutes_version_meeting` ON `meeting_minutes_version` (`meeting_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `meeting_question_vote` (
	`question_id` text NOT NULL,
	`user_id` text NOT NULL,
	PRIMARY KEY(`question_id`, `user_id`),
	FOREIGN KEY (`question_id`) REFERENCES `meeting_question`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `meeting_question` (
	`id` text PRIMARY KEY NOT NULL,
	`meeting_id` text NOT NULL,
	`item_id` text,
	`author_id` text NOT NULL,
	`body` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`answer` text DEFAULT '' NOT NULL,
	`upvotes` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`meeting_id`) REFERENCES `meeting`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "question_status_value" CHECK(status in ('open', 'picked', 'answered', 'hidden'))
);
--> statement-breakpoint
CREATE INDEX `meeting_question_meeting` ON `meeting_question` (`meeting_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `meeting_reaction` (
	`meeting_id` text NOT NULL,
	`item_id` text NOT NULL,
	`user_id` text NOT NULL,
	`kind` text NOT NULL,
	PRIMARY KEY(`meeting_id`, `item_id`, `user_id`),
	FOREIGN KEY (`meeting_id`) REFERENCES `meeting`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "reaction_kind_value" CHECK(kind in ('support', 'oppose', 'unclear'))
);
--> statement-breakpoint
CREATE TABLE `meeting_speech` (
	`id` text PRIMARY KEY NOT NULL,
	`meeting_id` text NOT NULL,
	`item_id` text,
	`user_id` text NOT NULL,
	`point_of_order` integer DEFAULT false NOT NULL,
	`started_at` integer NOT NULL,
	`ended_at` integer NOT NULL,
	`duration_ms` integer NOT NULL,
	FOREIGN KEY (`meeting_id`) REFERENCES `meeting`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `meeting_speech_meeting` ON `meeting_speech` (`meeting_id`,`started_at`);