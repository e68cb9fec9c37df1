import { endpoint } from '$lib/server/api/endpoint';
import * as api from '$lib/server/api/contracts/projects';
import * as projects from '$lib/server/projects';

export const PATCH = endpoint(api.editResource, ({ db, actor, params, body }) => {
	projects.editResource(db, actor, params.id!, body);
	const r = projects.resourceFor(db, actor, params.id!);
	return projects.resourceForApi(
		projects.listResources(db, actor, r.unitId).find((x) => x.id === r.id)!
	);
});

export const DELETE = endpoint(api.removeResource, ({ db, actor, params }) => {
	projects.removeResource(db, actor, params.id!);
});
