/** Tasks as the API sends them: times as ISO 8601 strings. */
import type { TaskSummary, TaskView } from '../../shared/tasks/view';
import type { SummonsView } from './summons';

type Iso<T> = {
	[K in keyof T]: T[K] extends Date ? string : T[K] extends Date | null ? string | null : T[K];
};

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function taskSummaryForApi(t: TaskSummary): Iso<TaskSummary> {
	return {
		...t,
		acceptBy: t.acceptBy.toISOString(),
		dueAt: t.dueAt.toISOString(),
		acceptedAt: iso(t.acceptedAt),
		doneAt: iso(t.doneAt),
		createdAt: t.createdAt.toISOString()
	};
}

export function taskForApi(t: TaskView) {
	return {
		...taskSummaryForApi(t),
		description: t.description,
		acceptHours: t.acceptHours,
		submittedAt: iso(t.submittedAt),
		units: t.units.map((u) => ({
			...u,
			acceptedAt: iso(u.acceptedAt),
			returnedAt: iso(u.returnedAt)
		})),
		needs: t.needs,
		reports: t.reports.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })),
		timeline: t.timeline.map((e) => ({ ...e, at: e.at.toISOString() })),
		can: t.can
	};
}

export function summonsForApi(s: SummonsView) {
	return {
		...s,
		respondBy: s.respondBy.toISOString(),
		createdAt: s.createdAt.toISOString(),
		units: s.units.map((u) => ({ ...u, respondedAt: iso(u.respondedAt) }))
	};
}
