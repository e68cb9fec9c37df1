import { endpoint } from '$lib/server/api/endpoint';
import * as api from '$lib/server/api/contracts/projects';
import { committeeOf } from '$lib/server/org/org';
import * as projects from '$lib/server/projects';

export const GET = endpoint(api.listProjects, ({ db, actor, query }) => ({
	items: projects
		.listProjects(db, actor, committeeOf(actor), {
			quarter: query.quarter,
			drafts: query.drafts === 'true',
			unitId: query.unit
		})
		.map(projects.projectForApi),
	nextCursor: null
}));

export const POST = endpoint(api.createProject, ({ db, actor, body }) => {
	const id = projects.createProject(db, actor, committeeOf(actor), body);
	return projects.projectForApi(projects.getProject(db, actor, id));
});
