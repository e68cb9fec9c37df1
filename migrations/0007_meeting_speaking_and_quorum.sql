ALTER TABLE `meeting` ADD `residents_may_speak` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `meeting_attendance` ADD `counts_for_quorum` integer DEFAULT false NOT NULL;--> statement-breakpoint
-- Attendance recorded before this migration: the chair and member unit representatives counted then too.
UPDATE `meeting_attendance` SET `counts_for_quorum` = 1 WHERE `role` IN ('chair', 'member');
