/**
 * The hall's decisions as the page loads them (votes, the viewer's seats, motions, proxies, what
 * they may do) and the form actions behind its proxy and motion forms: the same service calls as
 * the API and the socket, so a form post is checked exactly as they are.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Actions } from '@sveltejs/kit';
import type { Db } from '$lib/server/db';
import { getDb } from '$lib/server/db';
import { roleAssignments, users } from '$lib/server/db/schema';
import { formAction, requireActor } from '$lib/server/http/forms';
import { invitees, loadMeeting, meetingScope } from '$lib/server/meetings/meetings';
import * as votes from '$lib/server/votes';
import { QUORUM_ROLES } from '$lib/shared/hall';
import { can, type Actor } from '$lib/shared/permissions';
import { motionAmendSchema, motionInputSchema } from '$lib/shared/schemas/votes';
import type { MySeat } from '$lib/shared/votes/view';

/** Voting members of the meeting other than the viewer: whom a vote may be handed to. */
function proxyCandidates(db: Db, actor: Actor, meetingId: string) {
	const m = loadMeeting(db, meetingId);
	const invited = invitees(db, m).filter((id) => id !== actor.userId);
	if (!invited.length) return [];
	return db
		.selectDistinct({ id: users.id, name: users.displayName })
		.from(roleAssignments)
		.innerJoin(users, eq(users.id, roleAssignments.userId))
		.where(
			and(
				eq(roleAssignments.committeeId, m.committeeId),
				inArray(roleAssignments.role, [...QUORUM_ROLES]),
				inArray(roleAssignments.userId, invited)
			)
		)
		.orderBy(users.displayName)
		.all();
}

export function hallDecisions(db: Db, actor: Actor, meetingId: string) {
	const scope = meetingScope(loadMeeting(db, meetingId));
	const may = {
		manageVotes: can(actor, 'vote.manage', scope),
		countRoom: can(actor, 'vote.countRoom', scope),
		casting: can(actor, 'vote.casting', scope),
		proxy: can(actor, 'vote.proxy', scope)
	};
	if (!can(actor, 'vote.view', scope))
		return { may, votes: [], seats: {}, motions: [], proxies: [], proxyTo: [] };
	const list = votes.listMeetingVotes(db, actor, meetingId);
	const seats: Record<string, MySeat[]> = {};
	for (const v of list)
		if (v.status !== 'draft')
			seats[v.id] = votes.mySeats(db, actor, votes.voteFor(db, actor, v.id));
	return {
		may,
		votes: list,
		seats,
		motions: votes.listMotions(db, actor, meetingId),
		proxies: votes.listProxies(db, actor, meetingId),
		proxyTo: may.proxy ? proxyCandidates(db, actor, meetingId) : []
	};
}

type Event = Parameters<Actions[string]>[0];
const ctx = (event: Event) => ({
	db: getDb(),
	actor: requireActor(event).actor,
	id: event.params.id!
});

export const decisionActions = {
	giveProxy: (event: Event) =>
		formAction(
			event,
			z.object({ toUserId: z.string().trim().min(1, 'err.choose').max(64) }),
			(i) => {
				const { db, actor, id } = ctx(event);
				return { proxies: votes.giveProxy(db, actor, id, i.toUserId) };
			}
		),
	withdrawProxy: (event: Event) =>
		formAction(event, z.object({}), () => {
			const { db, actor, id } = ctx(event);
			return { proxies: votes.withdrawProxy(db, actor, id) };
		}),
	createMotion: (event: Event) =>
		formAction(
			event,
			motionInputSchema.pick({ title: true, text: true, agendaItemId: true }),
			(i) => {
				const { db, actor, id } = ctx(event);
				return { motion: votes.createMotion(db, actor, { ...i, meetingId: id }) };
			}
		),
	amendMotion: (event: Event) =>
		formAction(
			event,
			motionAmendSchema.and(z.object({ motionId: z.string().min(1).max(64) })),
			(i) => {
				const { db, actor } = ctx(event);
				return { motion: votes.amendMotion(db, actor, i.motionId, { text: i.text }) };
			}
		)
};
