import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { requireActor } from '$lib/server/http/forms';
import * as votes from '$lib/server/votes';

export const load: PageServerLoad = (event) => {
	const { actor } = requireActor(event);
	return {
		history: votes.myVoteHistory(getDb(), actor).map(({ vote, seats }) => ({
			id: vote.id,
			title: vote.title,
			meetingId: vote.meetingId,
			status: vote.status,
			outcome: vote.result?.outcome ?? null,
			closedAt: vote.closedAt,
			codes: seats
				.filter((s) => s.status === 'cast')
				.map((s) => ({
					seat: s.seat,
					label: s.label,
					proxy: s.proxy,
					castAt: s.castAt,
					trackingCode: s.trackingCode
				}))
		}))
	};
};
