import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { AppError } from '$lib/server/errors';
import { requireActor } from '$lib/server/http/forms';
import { orErrorPage } from '$lib/server/http/pages';
import { getAgenda } from '$lib/server/meetings/meetings';
import { getNeed } from '$lib/server/needs/queries';
import { listTasks } from '$lib/server/tasks';
import * as votes from '$lib/server/votes';
import { can } from '$lib/shared/permissions';
import { translate } from '$lib/i18n';

/** `fn`'s answer, or null when the service refuses (something this person may not see). */
function ifAllowed<T>(fn: () => T): T | null {
	try {
		return fn();
	} catch (err) {
		if (err instanceof AppError) return null;
		throw err;
	}
}

export const load: PageServerLoad = (event) => {
	const { actor } = requireActor(event);
	const db = getDb();
	return orErrorPage(event.locals.locale, () => {
		const resolution = votes.getResolution(db, actor, event.params.id);
		const vote = ifAllowed(() => votes.getVote(db, actor, resolution.voteId));
		const seats = vote ? votes.mySeats(db, actor, votes.voteFor(db, actor, resolution.voteId)) : [];
		const item =
			resolution.meetingId && resolution.agendaItemId
				? ifAllowed(() =>
						getAgenda(db, actor, resolution.meetingId!).find(
							(i) => i.id === resolution.agendaItemId
						)
					)
				: null;
		// A private need stays private: it is counted, not named.
		const needs = resolution.needIds
			.map((id) => ifAllowed(() => getNeed(db, actor, id)))
			.filter((n) => n !== null)
			.map((n) => ({ id: n.id, title: n.title, status: n.status }));
		return {
			resolution,
			vote,
			myCodes: seats.map((s) => s.trackingCode).filter((c): c is string => !!c),
			item: item ? { id: item.id, title: item.title } : null,
			needs,
			hiddenNeeds: resolution.needIds.length - needs.length,
			tasks: listTasks(db, actor, resolution.committeeId, { resolutionId: resolution.id }),
			canDispatch: can(actor, 'task.dispatch', { committeeId: resolution.committeeId }),
			// The one execution word this page shows: the link to the trace.
			traceLabel: translate(event.locals.locale, 'ratings.viewTrace')
		};
	});
};
