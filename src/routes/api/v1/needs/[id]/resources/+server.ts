import { endpoint } from '$lib/server/api/endpoint';
import * as api from '$lib/server/api/contracts/projects';
import * as projects from '$lib/server/projects';

export const GET = endpoint(api.needResources, ({ db, actor, params }) => ({
	items: projects.suggestResources(db, actor, params.id!).map(projects.resourceForApi),
	nextCursor: null
}));
