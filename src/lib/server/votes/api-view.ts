/**
 * Decisions as the HTTP API shows them: the same views the pages use, with times as ISO 8601
 * (the API's convention) instead of the epoch milliseconds the browser's clocks work with.
 */
import type {
	MotionView,
	MySeat,
	ResolutionView,
	VoteResult,
	VoteView
} from '../../shared/votes/view';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export const resultForApi = (r: VoteResult) => ({ ...r, closedAt: iso(r.closedAt) });

export const seatsForApi = (seats: MySeat[]) => seats.map((s) => ({ ...s, castAt: iso(s.castAt) }));

export function voteForApi(v: VoteView, seats?: MySeat[]) {
	return {
		...v,
		openedAt: iso(v.openedAt),
		closesAt: iso(v.closesAt),
		closedAt: iso(v.closedAt),
		createdAt: iso(v.createdAt),
		result: v.result ? resultForApi(v.result) : null,
		decision: v.decision ? { ...v.decision, at: iso(v.decision.at) } : null,
		...(seats ? { seats: seatsForApi(seats) } : {})
	};
}

export const motionForApi = (m: MotionView) => ({
	...m,
	createdAt: iso(m.createdAt),
	revisions: m.revisions.map((r) => ({ ...r, at: iso(r.at) }))
});

export const resolutionForApi = (r: ResolutionView) => ({ ...r, adoptedAt: iso(r.adoptedAt) });
