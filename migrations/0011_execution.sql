CREATE TABLE `project_community` (
	`project_id` text NOT NULL,
	`community_id` text NOT NULL,
	PRIMARY KEY(`project_id`, `community_id`),
	FOREIGN KEY (`project_id`) REFERENCES `project`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`community_id`) REFERENCES `community`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `project` (
	`id` text PRIMARY KEY NOT NULL,
	`committee_id` text NOT NULL,
	`title` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`quarter` text NOT NULL,
	`budget` integer DEFAULT 0 NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`claimed_by` text,
	`claimed_at` integer,
	`published_at` integer,
	`created_by` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`committee_id`) REFERENCES `committee`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`claimed_by`) REFERENCES `unit`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`created_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "project_status" CHECK(status in ('draft', 'published', 'claimed', 'done')),
	CONSTRAINT "project_budget" CHECK(budget >= 0)
);
--> statement-breakpoint
CREATE INDEX `project_quarter` ON `project` (`committee_id`,`quarter`,`status`);--> statement-breakpoint
CREATE TABLE `resource` (
	`id` text PRIMARY KEY NOT NULL,
	`committee_id` text NOT NULL,
	`unit_id` text NOT NULL,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`capacity` text DEFAULT '' NOT NULL,
	`contact` text DEFAULT '' NOT NULL,
	`community_id` text,
	`categories` text DEFAULT '[]' NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`committee_id`) REFERENCES `committee`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`unit_id`) REFERENCES `unit`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`community_id`) REFERENCES `community`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "resource_kind" CHECK(kind in ('venue', 'canteen', 'equipment', 'volunteers', 'funds', 'other'))
);
--> statement-breakpoint
CREATE INDEX `resource_unit` ON `resource` (`unit_id`);--> statement-breakpoint
CREATE INDEX `resource_committee` ON `resource` (`committee_id`,`kind`);--> statement-breakpoint
CREATE TABLE `spending` (
	`id` text PRIMARY KEY NOT NULL,
	`project_id` text NOT NULL,
	`amount` integer NOT NULL,
	`item` text NOT NULL,
	`spent_on` text NOT NULL,
	`receipt_file` text,
	`receipt_mime` text,
	`recorded_by` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`project_id`) REFERENCES `project`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`recorded_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "spending_amount" CHECK(amount > 0)
);
--> statement-breakpoint
CREATE INDEX `spending_project` ON `spending` (`project_id`,`spent_on`);--> statement-breakpoint
CREATE TABLE `rating` (
	`id` text PRIMARY KEY NOT NULL,
	`need_id` text NOT NULL,
	`task_id` text,
	`user_id` text NOT NULL,
	`score` integer NOT NULL,
	`comment` text DEFAULT '' NOT NULL,
	`channel` text DEFAULT 'online' NOT NULL,
	`entered_by` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`need_id`) REFERENCES `need`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`task_id`) REFERENCES `task`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`entered_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "rating_score" CHECK(score between 1 and 5),
	CONSTRAINT "rating_channel" CHECK(channel in ('online', 'phone', 'visit'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `rating_once` ON `rating` (`need_id`,`user_id`);--> statement-breakpoint
CREATE INDEX `rating_task` ON `rating` (`task_id`);--> statement-breakpoint
CREATE INDEX `rating_created` ON `rating` (`created_at`);--> statement-breakpoint
CREATE TABLE `summons_unit` (
	`summons_id` text NOT NULL,
	`unit_id` text NOT NULL,
	`responded_at` integer,
	`responded_by` text,
	`response` text,
	`late_at` integer,
	PRIMARY KEY(`summons_id`, `unit_id`),
	FOREIGN KEY (`summons_id`) REFERENCES `summons`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`unit_id`) REFERENCES `unit`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`responded_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `summons_unit_unit` ON `summons_unit` (`unit_id`);--> statement-breakpoint
CREATE TABLE `summons` (
	`id` text PRIMARY KEY NOT NULL,
	`committee_id` text NOT NULL,
	`title` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`need_id` text,
	`respond_hours` integer NOT NULL,
	`respond_by` integer NOT NULL,
	`created_by` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`committee_id`) REFERENCES `committee`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`need_id`) REFERENCES `need`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`created_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `summons_committee` ON `summons` (`committee_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `supervision_notice` (
	`id` text PRIMARY KEY NOT NULL,
	`committee_id` text NOT NULL,
	`task_id` text,
	`unit_id` text NOT NULL,
	`text` text NOT NULL,
	`reply_by` integer NOT NULL,
	`issued_by` text,
	`issued_at` integer NOT NULL,
	`reply` text,
	`replied_at` integer,
	`replied_by` text,
	`late_at` integer,
	FOREIGN KEY (`committee_id`) REFERENCES `committee`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`task_id`) REFERENCES `task`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`unit_id`) REFERENCES `unit`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`issued_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`replied_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `notice_task` ON `supervision_notice` (`task_id`);--> statement-breakpoint
CREATE INDEX `notice_unit` ON `supervision_notice` (`unit_id`,`issued_at`);--> statement-breakpoint
CREATE INDEX `notice_committee` ON `supervision_notice` (`committee_id`,`issued_at`);--> statement-breakpoint
CREATE TABLE `task_event` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`task_id` text NOT NULL,
	`at` integer NOT NULL,
	`actor_id` text,
	`unit_id` text,
	`kind` text NOT NULL,
	`detail` text DEFAULT '{}' NOT NULL,
	FOREIGN KEY (`task_id`) REFERENCES `task`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`actor_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`unit_id`) REFERENCES `unit`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `task_event_task` ON `task_event` (`task_id`,`at`);--> statement-breakpoint
CREATE INDEX `task_event_kind` ON `task_event` (`kind`,`at`);--> statement-breakpoint
CREATE TABLE `task_need` (
	`task_id` text NOT NULL,
	`need_id` text NOT NULL,
	PRIMARY KEY(`task_id`, `need_id`),
	FOREIGN KEY (`task_id`) REFERENCES `task`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`need_id`) REFERENCES `need`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `task_need_need` ON `task_need` (`need_id`);--> statement-breakpoint
CREATE TABLE `task_report_file` (
	`id` text PRIMARY KEY NOT NULL,
	`report_id` text NOT NULL,
	`file` text NOT NULL,
	`mime` text NOT NULL,
	`bytes` integer NOT NULL,
	`name` text DEFAULT '' NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`report_id`) REFERENCES `task_report`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `task_report_file_report` ON `task_report_file` (`report_id`);--> statement-breakpoint
CREATE TABLE `task_report` (
	`id` text PRIMARY KEY NOT NULL,
	`task_id` text NOT NULL,
	`unit_id` text,
	`author_id` text,
	`progress` integer NOT NULL,
	`text` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`task_id`) REFERENCES `task`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`unit_id`) REFERENCES `unit`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`author_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "task_report_progress" CHECK(progress between 0 and 100)
);
--> statement-breakpoint
CREATE INDEX `task_report_task` ON `task_report` (`task_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `task_unit` (
	`task_id` text NOT NULL,
	`unit_id` text NOT NULL,
	`role` text NOT NULL,
	`accepted_at` integer,
	`accepted_by` text,
	`returned_at` integer,
	`return_reason` text,
	PRIMARY KEY(`task_id`, `unit_id`),
	FOREIGN KEY (`task_id`) REFERENCES `task`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`unit_id`) REFERENCES `unit`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`accepted_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "task_unit_role" CHECK(role in ('lead', 'co'))
);
--> statement-breakpoint
CREATE INDEX `task_unit_unit` ON `task_unit` (`unit_id`);--> statement-breakpoint
CREATE TABLE `task` (
	`id` text PRIMARY KEY NOT NULL,
	`committee_id` text NOT NULL,
	`title` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`resolution_id` text,
	`project_id` text,
	`lead_unit_id` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`progress` integer DEFAULT 0 NOT NULL,
	`accept_hours` integer NOT NULL,
	`accept_by` integer NOT NULL,
	`due_at` integer NOT NULL,
	`accepted_at` integer,
	`submitted_at` integer,
	`done_at` integer,
	`created_by` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`committee_id`) REFERENCES `committee`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`resolution_id`) REFERENCES `resolution`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`project_id`) REFERENCES `project`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`lead_unit_id`) REFERENCES `unit`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`created_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "task_status_value" CHECK(status in ('pending', 'returned', 'in_progress', 'submitted', 'done', 'cancelled')),
	CONSTRAINT "task_progress" CHECK(progress between 0 and 100)
);
--> statement-breakpoint
CREATE INDEX `task_status_due` ON `task` (`committee_id`,`status`,`due_at`);--> statement-breakpoint
CREATE INDEX `task_lead` ON `task` (`lead_unit_id`,`status`);--> statement-breakpoint
CREATE INDEX `task_resolution` ON `task` (`resolution_id`);--> statement-breakpoint
CREATE INDEX `task_project` ON `task` (`project_id`);--> statement-breakpoint
CREATE INDEX `task_created` ON `task` (`committee_id`,`created_at`);