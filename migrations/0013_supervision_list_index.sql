DROP INDEX `task_status_due`;--> statement-breakpoint
CREATE INDEX `task_status_due_unit` ON `task` (`committee_id`,`status`,`due_at`,`lead_unit_id`,`id`);