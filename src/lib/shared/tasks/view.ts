/**
 * What the server gives pages and the API about tasks: plain data, times as Date on pages (ISO
 * strings in the API, see server/tasks/api-view.ts).
 */
import type { TaskEventKind, TaskStatus, TaskUnitRole } from './options';

export interface TaskUnitView {
	unitId: string;
	unitName: string;
	role: TaskUnitRole;
	acceptedAt: Date | null;
	returnedAt: Date | null;
	returnReason: string | null;
}

/** One row of a task list (the supervision list sorts and filters these). */
export interface TaskSummary {
	id: string;
	title: string;
	status: TaskStatus;
	progress: number;
	leadUnitId: string;
	leadUnitName: string;
	resolutionId: string | null;
	resolutionNumber: string | null;
	projectId: string | null;
	acceptBy: Date;
	dueAt: Date;
	acceptedAt: Date | null;
	doneAt: Date | null;
	createdAt: Date;
	/** Open and past its due time (read at the moment of the request). */
	overdue: boolean;
	/** Still pending past its acceptance time. */
	acceptLate: boolean;
}

export interface TaskFileView {
	id: string;
	url: string;
	mime: string;
	name: string;
	bytes: number;
}

export interface TaskReportView {
	id: string;
	unitId: string | null;
	unitName: string;
	authorName: string;
	progress: number;
	text: string;
	createdAt: Date;
	files: TaskFileView[];
}

export interface TimelineEntry {
	at: Date;
	kind: TaskEventKind;
	actorName: string | null;
	unitName: string | null;
	/** Kind-specific facts: `reason`, `progress`, `reportId`, `noticeId`, `dueAt`… */
	detail: Record<string, string | number | null>;
}

export interface TaskView extends TaskSummary {
	description: string;
	acceptHours: number;
	submittedAt: Date | null;
	units: TaskUnitView[];
	needs: { id: string; title: string; status: string }[];
	reports: TaskReportView[];
	timeline: TimelineEntry[];
	/** What the viewer may do now (from the permission module and the task's state). */
	can: {
		accept: string[];
		report: boolean;
		submit: boolean;
		approve: boolean;
		manage: boolean;
		notice: boolean;
	};
}
