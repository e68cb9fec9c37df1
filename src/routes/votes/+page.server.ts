import { redirect, type Actions } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { config } from '$lib/server/config';
import { getDb } from '$lib/server/db';
import { formAction, requireActor } from '$lib/server/http/forms';
import { listCommunities } from '$lib/server/org/org';
import * as votes from '$lib/server/votes';
import { can, type Actor } from '$lib/shared/permissions';
import { voteInputSchema } from '$lib/shared/schemas/votes';
import { dateToWallTime } from '$lib/time';
import { pollInput } from './poll-form';

const mayPrepare = (actor: Actor, committeeId: string) =>
	can(actor, 'vote.manage', { committeeId, vote: { electorate: 'members' } });

export const load: PageServerLoad = (event) => {
	const { actor, committeeId } = requireActor(event);
	const db = getDb();
	const polls = votes.listPolls(db, actor);
	const toVote = votes
		.myOpenVotes(db, actor)
		.map((v) => ({ id: v.id, title: v.title, closesAt: v.closesAt?.getTime() ?? null }));
	const canCreate = mayPrepare(actor, committeeId);
	return {
		open: polls.filter((p) => p.status === 'open'),
		drafts: polls.filter((p) => p.status === 'draft'),
		closed: polls.filter((p) => p.status === 'closed'),
		toVote,
		canCreate,
		defaultCloses: dateToWallTime(new Date(Date.now() + 3 * 86_400_000), config.timeZone),
		communities: canCreate
			? listCommunities(db, actor, committeeId).map((c) => ({ id: c.id, name: c.name }))
			: []
	};
};

export const actions: Actions = {
	/** A new poll between meetings: a draft, opened from its own page. */
	create: async (event) => {
		const { actor, committeeId } = requireActor(event);
		const result = await formAction(
			event,
			voteInputSchema,
			(input) => ({ id: votes.createVote(getDb(), actor, { ...input, committeeId }) }),
			(values, form) => pollInput(values, form, config.timeZone)
		);
		if ('id' in result) redirect(303, `/votes/${result.id}`);
		return result;
	}
};
