import { endpoint } from '$lib/server/api/endpoint';
import * as api from '$lib/server/api/contracts/projects';
import * as projects from '$lib/server/projects';

export const GET = endpoint(api.listResources, ({ db, actor, params }) => ({
	items: projects.listResources(db, actor, params.id!).map(projects.resourceForApi),
	nextCursor: null
}));

export const POST = endpoint(api.addResource, ({ db, actor, params, body }) => {
	const id = projects.addResource(db, actor, params.id!, body);
	const added = projects.listResources(db, actor, params.id!).find((r) => r.id === id)!;
	return projects.resourceForApi(added);
});
