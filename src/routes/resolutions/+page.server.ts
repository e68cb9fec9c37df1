import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { requireActor } from '$lib/server/http/forms';
import { getNeed } from '$lib/server/needs/queries';
import { listResolutions, type ResolutionFilter } from '$lib/server/votes';
import { AppError } from '$lib/server/errors';

/** The filters as GET parameters, so the form works before scripts and a filtered list is a link. */
function filterOf(url: URL): ResolutionFilter & { raw: Record<string, string> } {
	const get = (k: string) => (url.searchParams.get(k) ?? '').trim().slice(0, 80);
	const raw = { year: get('year'), meeting: get('meeting'), q: get('q'), need: get('need') };
	const year = /^\d{4}$/.test(raw.year) ? Number(raw.year) : undefined;
	return {
		year,
		meetingId: raw.meeting || undefined,
		q: raw.q || undefined,
		needId: raw.need || undefined,
		raw
	};
}

export const load: PageServerLoad = (event) => {
	const { actor } = requireActor(event);
	const db = getDb();
	const { raw, ...filter } = filterOf(event.url);
	const all = listResolutions(db, actor);
	const filtered = Object.values(filter).some((v) => v !== undefined)
		? listResolutions(db, actor, filter)
		: all;
	// Filter choices from what this person may read, so no meeting they cannot see is named.
	const meetings = new Map<string, string>();
	for (const r of all) if (r.meetingId) meetings.set(r.meetingId, r.meetingTitle ?? '');
	let need: { id: string; title: string } | null = null;
	if (filter.needId) {
		try {
			const n = getNeed(db, actor, filter.needId);
			need = { id: n.id, title: n.title };
		} catch (err) {
			if (!(err instanceof AppError)) throw err;
		}
	}
	return {
		resolutions: filtered.map((r) => ({
			id: r.id,
			number: r.number,
			title: r.title,
			meetingId: r.meetingId,
			meetingTitle: r.meetingTitle,
			adoptedAt: r.adoptedAt,
			needs: r.needIds.length,
			byCastingVote: r.byCastingVote
		})),
		years: [...new Set(all.map((r) => Number(r.number.slice(0, 4))))].sort((a, b) => b - a),
		meetings: [...meetings].map(([id, title]) => ({ id, title })),
		filter: raw,
		need
	};
};
