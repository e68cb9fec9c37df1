import { endpoint } from '$lib/server/api/endpoint';
import * as api from '$lib/server/api/contracts/projects';
import * as projects from '$lib/server/projects';

export const GET = endpoint(api.getProject, ({ db, actor, params }) =>
	projects.projectForApi(projects.getProject(db, actor, params.id!))
);

export const PATCH = endpoint(api.editProject, ({ db, actor, params, body }) => {
	projects.editProject(db, actor, params.id!, body);
	return projects.projectForApi(projects.getProject(db, actor, params.id!));
});
