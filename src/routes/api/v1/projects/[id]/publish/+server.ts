import { endpoint } from '$lib/server/api/endpoint';
import * as api from '$lib/server/api/contracts/projects';
import * as projects from '$lib/server/projects';

export const POST = endpoint(api.publishProject, ({ db, actor, params }) => {
	projects.publishProject(db, actor, params.id!);
	return projects.projectForApi(projects.getProject(db, actor, params.id!));
});
