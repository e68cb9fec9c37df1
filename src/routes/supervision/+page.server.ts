import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { formAction, requireActor } from '$lib/server/http/forms';
import { orErrorPage, refuseUnless } from '$lib/server/http/pages';
import { listResolutions } from '$lib/server/votes';
import * as supervision from '$lib/server/supervision';
import { communities, units } from '$lib/server/db/schema';
import { asc, eq } from 'drizzle-orm';
import { can } from '$lib/shared/permissions';
import { noticeInputSchema } from '$lib/shared/schemas/supervision';
import { readQuery } from './filters';

export const load: PageServerLoad = (event) => {
	const { actor, committeeId } = requireActor(event);
	refuseUnless(event.locals.locale, can(actor, 'supervision.view', { committeeId }));
	const db = getDb();
	const q = readQuery(event.url);
	return orErrorPage(event.locals.locale, () => {
		const page = supervision.supervisionList(db, actor, {
			status: q.status ? [q.status] : undefined,
			unitId: q.unit || undefined,
			communityId: q.community || undefined,
			resolutionId: q.resolution || undefined,
			overdue: q.overdue,
			dueWithinDays: q.dueWithin ? Number(q.dueWithin) : undefined,
			sort: q.sort,
			dir: q.dir,
			cursor: q.cursor || undefined,
			limit: 50
		});
		const onTask = supervision.unitsOfTasks(
			db,
			page.items.map((r) => r.id)
		);
		return {
			q,
			rows: page.items.map((r) => ({ ...r, units: onTask.get(r.id) ?? [] })),
			total: page.total,
			nextCursor: page.nextCursor,
			units: db
				.select({ id: units.id, name: units.name })
				.from(units)
				.where(eq(units.committeeId, committeeId))
				.orderBy(asc(units.name))
				.all(),
			communities: db
				.select({ id: communities.id, name: communities.name })
				.from(communities)
				.where(eq(communities.committeeId, committeeId))
				.orderBy(asc(communities.name))
				.all(),
			resolutions: listResolutions(db, actor).map((r) => ({
				id: r.id,
				number: r.number,
				title: r.title
			})),
			undispatched: supervision.undispatchedResolutions(db, actor),
			canIssue: can(actor, 'notice.issue', { committeeId }),
			defaultReplyBy: supervision.defaultReplyBy()
		};
	});
};

export const actions: Actions = {
	/** A supervision notice to a unit on a task; the list stays where it was. */
	issue: async (event) => {
		const { actor } = requireActor(event);
		return formAction(
			event,
			noticeInputSchema,
			(input) => ({ issued: supervision.issueNotice(getDb(), actor, input), taskId: input.taskId }),
			supervision.noticeFormInput
		);
	}
};
