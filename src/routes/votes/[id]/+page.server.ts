import { redirect, type Actions } from '@sveltejs/kit';
import { z } from 'zod';
import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { formAction, requireActor } from '$lib/server/http/forms';
import { orErrorPage } from '$lib/server/http/pages';
import { getMeeting } from '$lib/server/meetings/meetings';
import * as votes from '$lib/server/votes';
import { voteScope } from '$lib/server/votes/access';
import { resolutionOfVote } from '$lib/server/votes/resolutions';
import { can } from '$lib/shared/permissions';
import { ballotFromForm } from '$lib/shared/votes/form';

export const load: PageServerLoad = (event) => {
	const { actor } = requireActor(event);
	const db = getDb();
	const id = event.params.id;
	return orErrorPage(event.locals.locale, () => {
		const vote = votes.getVote(db, actor, id);
		const row = votes.voteFor(db, actor, id);
		const seats = votes.mySeats(db, actor, row);
		const meeting = vote.meetingId ? getMeeting(db, actor, vote.meetingId) : null;
		const resolution = vote.status === 'closed' ? resolutionOfVote(db, id) : undefined;
		return {
			vote,
			seats,
			roll: vote.status === 'draft' ? [] : votes.rollView(db, actor, id),
			myCodes: seats.map((s) => s.trackingCode).filter((c): c is string => !!c),
			meeting: meeting && { id: meeting.id, title: meeting.title, status: meeting.status },
			resolution: resolution && { id: resolution.id, number: resolution.number },
			canManage: can(actor, 'vote.manage', voteScope(db, row)),
			canCast: can(actor, 'vote.casting', voteScope(db, row)),
			serverNow: Date.now()
		};
	});
};

const none = z.object({});
const seatInput = z.object({ seat: z.string().max(80).optional() });

export const actions: Actions = {
	/** A ballot posted by the voting panel's form: the same fields with or without scripts. */
	cast: (event) =>
		formAction(event, seatInput, ({ seat }, form) => {
			const db = getDb();
			const { actor } = requireActor(event);
			const vote = votes.getVote(db, actor, event.params.id!);
			const ballot = ballotFromForm(vote, form) as votes.CastInput;
			const receipt = votes.castBallot(db, actor, vote.id, { ...ballot, seat: seat || undefined });
			return { cast: { seat: receipt.seat, trackingCode: receipt.trackingCode } };
		}),
	open: (event) =>
		formAction(event, none, () => {
			votes.openVote(getDb(), requireActor(event).actor, event.params.id!);
			return { done: 'open' as const };
		}),
	close: (event) =>
		formAction(event, none, () => {
			votes.closeVote(getDb(), requireActor(event).actor, event.params.id!);
			return { done: 'close' as const };
		}),
	casting: (event) =>
		formAction(event, z.object({ optionId: z.string().min(1, 'err.choose').max(64) }), (i) => {
			votes.castingVote(getDb(), requireActor(event).actor, event.params.id!, i.optionId);
			return { done: 'casting' as const };
		}),
	revote: async (event) => {
		const result = await formAction(event, none, () => ({
			revote: votes.revote(getDb(), requireActor(event).actor, event.params.id!)
		}));
		if ('revote' in result) redirect(303, `/votes/${result.revote}`);
		return result;
	}
};
