import type { PageServerLoad } from './$types';
import { allEndpoints } from '$lib/server/api/contracts';
import { jsonSchema } from '$lib/server/api/openapi';
import { clientEventSchemas } from '$lib/shared/events';

export const load: PageServerLoad = () => ({
	endpoints: allEndpoints.map((e) => ({
		method: e.method,
		path: `/api/v1${e.path}`,
		summary: e.summary,
		tag: e.tag,
		auth: e.auth !== false,
		status: e.status ?? 200,
		body: e.body ? JSON.stringify(jsonSchema(e.body, 'input').properties ?? {}, null, 1) : null
	})),
	events: Object.keys(clientEventSchemas)
});
