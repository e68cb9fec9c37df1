/** The OpenAPI 3.1 document, generated from the endpoint contracts (their zod schemas). */
import { z } from 'zod';
import { allEndpoints } from './contracts';

const problemSchema = {
	type: 'object',
	required: ['type', 'title', 'status'],
	properties: {
		type: { type: 'string' },
		title: { type: 'string' },
		status: { type: 'integer' },
		detail: { type: 'string' },
		errors: { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } } }
	}
};

/**
 * A contract's JSON Schema. Dates travel as ISO 8601 strings, which is how the API reads
 * (`z.coerce.date`) and writes them; JSON Schema itself has no date type.
 */
export function jsonSchema(s: z.ZodType, io: 'input' | 'output') {
	const json = z.toJSONSchema(s, {
		io,
		unrepresentable: 'any',
		override: (ctx) => {
			if (ctx.zodSchema._zod.def.type === 'date')
				Object.assign(ctx.jsonSchema, { type: 'string', format: 'date-time' });
		}
	}) as Record<string, unknown>;
	delete json.$schema;
	return json;
}

export function openApiDocument(serverUrl: string) {
	const paths: Record<string, Record<string, unknown>> = {};
	for (const e of allEndpoints) {
		const params = [...e.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
			name: m[1],
			in: 'path',
			required: true,
			schema: { type: 'string' }
		}));
		if (e.query) {
			const q = jsonSchema(e.query, 'input') as {
				properties?: Record<string, unknown>;
				required?: string[];
			};
			for (const [name, s] of Object.entries(q.properties ?? {}))
				params.push({
					name,
					in: 'query',
					required: !!q.required?.includes(name),
					schema: s as { type: string }
				});
		}
		if (e.idempotent)
			params.push({
				name: 'Idempotency-Key',
				in: 'header',
				required: false,
				schema: { type: 'string' }
			});
		const status = String(e.status ?? 200);
		const op: Record<string, unknown> = {
			operationId: `${e.method.toLowerCase()}${e.path.replace(/[{}]/g, '').replace(/\/(\w)/g, (_, c: string) => c.toUpperCase())}`,
			summary: e.summary,
			tags: [e.tag],
			parameters: params,
			responses: {
				[status]: e.response
					? {
							description: 'OK',
							content: { 'application/json': { schema: jsonSchema(e.response, 'output') } }
						}
					: { description: 'OK' },
				default: {
					description: 'Problem',
					content: {
						'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } }
					}
				}
			}
		};
		if (e.auth === false) op.security = [];
		if (e.body)
			op.requestBody = {
				required: true,
				content: { 'application/json': { schema: jsonSchema(e.body, 'input') } }
			};
		(paths[e.path] ??= {})[e.method.toLowerCase()] = op;
	}
	return {
		openapi: '3.1.0',
		info: {
			title: 'Yiting (议厅) API',
			version: '1',
			description:
				'The HTTP API of Yiting, the online deliberation hall of a community-governance committee.'
		},
		servers: [{ url: `${serverUrl}/api/v1` }],
		security: [{ cookie: [] }, { bearer: [] }],
		components: {
			securitySchemes: {
				cookie: { type: 'apiKey', in: 'cookie', name: 'yt_session' },
				bearer: {
					type: 'http',
					scheme: 'bearer',
					description: 'A personal API token (yt_…) from Settings'
				}
			},
			schemas: { Problem: problemSchema }
		},
		paths
	};
}
