/**
 * Projects as the HTTP API shows them: money in yuan as a number with at most two decimals
 * (12000.5), times as ISO 8601 — instead of the fen and epoch milliseconds pages work with.
 */
import { fenToYuan } from '../../shared/projects/money';
import type {
	ProjectSummary,
	ProjectView,
	ResourceView,
	SpendingView
} from '../../shared/projects/view';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export const spendingForApi = (s: SpendingView) => ({
	...s,
	amount: fenToYuan(s.amount),
	createdAt: iso(s.createdAt)
});

export function projectForApi(p: ProjectSummary | ProjectView) {
	const base = {
		...p,
		budget: fenToYuan(p.budget),
		spent: fenToYuan(p.spent),
		remaining: fenToYuan(p.remaining),
		claimedAt: iso(p.claimedAt),
		publishedAt: iso(p.publishedAt)
	};
	if (!('tasks' in p)) return base;
	return {
		...base,
		tasks: p.tasks.map((t) => ({ ...t, dueAt: iso(t.dueAt) })),
		spending: p.spending.map(spendingForApi)
	};
}

export const resourceForApi = (r: ResourceView) => ({ ...r, updatedAt: iso(r.updatedAt) });
