import { endpoint } from '$lib/server/api/endpoint';
import * as api from '$lib/server/api/contracts/supervision';
import * as supervision from '$lib/server/supervision';

export const GET = endpoint(api.supervisionList, ({ db, actor, query }) => {
	const page = supervision.supervisionList(db, actor, {
		status: query.status,
		unitId: query.unit,
		communityId: query.community,
		resolutionId: query.resolution,
		overdue: query.overdue,
		dueWithinDays: query.dueWithin,
		sort: query.sort,
		dir: query.dir,
		limit: query.limit,
		cursor: query.cursor
	});
	return { ...page, items: page.items.map(supervision.rowForApi) };
});
