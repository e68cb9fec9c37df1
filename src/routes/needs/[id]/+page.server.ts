import type { Actions } from '@sveltejs/kit';
import { z } from 'zod';
import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { formAction, requireActor } from '$lib/server/http/forms';
import { getNeed, listNeeds } from '$lib/server/needs/queries';
import { supportNeed, withdrawSupport } from '$lib/server/needs/support';
import { acceptNeed, declineNeed, mergeNeed, revealPhone } from '$lib/server/needs/triage';
import { declineInput, mergeInput, revealInput } from '$lib/shared/schemas/needs';
import { orErrorPage } from '$lib/server/http/pages';
import {
	getAgenda,
	listMeetings,
	meetingScope,
	meetingsOfNeed,
	putNeedsOnAgenda
} from '$lib/server/meetings/meetings';
import { can } from '$lib/shared/permissions';
import { listResolutions } from '$lib/server/votes';
import { needTasks } from './tasks.server';
import { maySeeSuggestions, suggestResources } from '$lib/server/projects';
import { needRatings } from '$lib/server/ratings';

export const load: PageServerLoad = (event) => {
	const { actor } = requireActor(event);
	const db = getDb();
	return orErrorPage(event.locals.locale, () => {
		const need = getNeed(db, actor, event.params.id);
		// Meetings whose agenda this person may put needs on, with their current items.
		const targets =
			need.canManage && !['declined', 'merged'].includes(need.status)
				? listMeetings(db, actor, need.committeeId, { from: new Date(), limit: 20 })
						.items.filter(
							(m) =>
								(m.status === 'draft' || m.status === 'scheduled') &&
								can(actor, 'agenda.edit', meetingScope(m))
						)
						.map((m) => ({
							id: m.id,
							title: m.title,
							startsAt: m.startsAt,
							items: getAgenda(db, actor, m.id).map((i) => ({ id: i.id, title: i.title }))
						}))
				: [];
		// The merge target search without scripts (?merge=…); with them, the picker asks the API as one types.
		const mergeQuery = (event.url.searchParams.get('merge') ?? '').trim().slice(0, 60);
		const mergeMatches =
			need.canManage && mergeQuery
				? listNeeds(db, actor, need.committeeId, { q: mergeQuery, sort: 'newest', limit: 10 })
						.items.filter(
							(n) => n.id !== need.id && n.status !== 'declined' && n.status !== 'merged'
						)
						.map((n) => ({ id: n.id, title: n.title, status: n.status }))
				: [];
		// Ratings show once a task answering the need is done or someone rated it.
		const ratings = needRatings(db, actor, need.id);
		const rated = ratings.taskDone || ratings.count > 0;
		return {
			need,
			ratings: rated ? ratings : null,
			onMeetings: meetingsOfNeed(db, actor, need.id),
			resolutionCount: listResolutions(db, actor, { needId: need.id }).length,
			resources: maySeeSuggestions(actor, need.committeeId)
				? suggestResources(db, actor, need.id)
				: null,
			targets,
			mergeQuery,
			mergeMatches,
			execution: needTasks(db, actor, need)
		};
	});
};

const none = z.object({});

export const actions: Actions = {
	support: (event) =>
		formAction(event, none, () =>
			supportNeed(getDb(), requireActor(event).actor, event.params.id!)
		),
	unsupport: (event) =>
		formAction(event, none, () =>
			withdrawSupport(getDb(), requireActor(event).actor, event.params.id!)
		),
	accept: (event) =>
		formAction(event, none, () => ({
			done: !!acceptNeed(getDb(), requireActor(event).actor, event.params.id!)
		})),
	decline: (event) =>
		formAction(event, declineInput, ({ reason }) => ({
			done: !!declineNeed(getDb(), requireActor(event).actor, event.params.id!, reason)
		})),
	merge: (event) =>
		formAction(event, mergeInput, ({ intoId }) => ({
			done: !!mergeNeed(getDb(), requireActor(event).actor, event.params.id!, intoId)
		})),
	agenda: (event) =>
		formAction(
			event,
			z.object({ target: z.string().regex(/^[a-z0-9]+\|[a-z0-9]*$/, 'err.choose') }),
			({ target }) => {
				const [meetingId, itemId] = target.split('|') as [string, string];
				return {
					onAgenda: putNeedsOnAgenda(getDb(), requireActor(event).actor, meetingId, {
						needIds: [event.params.id!],
						itemId: itemId || undefined
					}).itemId
				};
			}
		),
	reveal: (event) =>
		formAction(event, revealInput, ({ reason }) => ({
			phone: revealPhone(getDb(), requireActor(event).actor, event.params.id!, reason)
		}))
};
