/** A trace as the HTTP API writes it: times as ISO 8601 strings. */
import type { TraceView } from '../../shared/ratings/trace';

export function traceForApi(v: TraceView) {
	return {
		subject: v.subject,
		status: v.status,
		dueAt: v.dueAt?.toISOString() ?? null,
		rating: v.rating,
		steps: v.steps.map((s) => ({
			kind: s.kind,
			at: s.at.toISOString(),
			actor: s.actor,
			ref: { ...s.ref, ...(s.ref.dueAt ? { dueAt: s.ref.dueAt.toISOString() } : {}) }
		}))
	};
}
