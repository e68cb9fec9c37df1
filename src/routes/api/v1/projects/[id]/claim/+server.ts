import { endpoint } from '$lib/server/api/endpoint';
import * as api from '$lib/server/api/contracts/projects';
import * as projects from '$lib/server/projects';

export const POST = endpoint(api.claimProject, ({ db, actor, params, body }) => {
	projects.claimProject(db, actor, params.id!, body);
	return projects.projectForApi(projects.getProject(db, actor, params.id!));
});
