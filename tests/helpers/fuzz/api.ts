/**
 * HTTP API input for the fuzz runs: requests over every route of /api/v1/openapi.json with wrong
 * methods, malformed path parameters and queries, and broken bodies (random or half-right JSON,
 * JSON that does not parse, invalid UTF-8, NUL and lone surrogates, the wrong content type, too
 * big), signed in as different people, anonymous, or with a made-up token, with and without the
 * app's own Origin.
 */
import fc from 'fast-check';

export type Who =
	'admin' | 'chair' | 'member1' | 'liaison1' | 'supervisor' | 'resident1' | 'anon' | 'token';

export interface Route {
	path: string;
	methods: string[];
	query: string[];
	body: string[];
}

export interface ApiRequest {
	method: string;
	path: string;
	query: string;
	who: Who;
	origin: 'own' | 'none' | 'other';
	contentType: string | null;
	body: Uint8Array | null;
}

interface OpenApi {
	paths: Record<
		string,
		Record<
			string,
			{
				parameters?: { name: string; in: string }[];
				requestBody?: { content: Record<string, { schema: { properties?: object } }> };
			}
		>
	>;
}

/** The routes of the OpenAPI document: their methods, query parameters and body fields. */
export function routesOf(doc: OpenApi): Route[] {
	return Object.entries(doc.paths).map(([path, ops]) => {
		const all = Object.values(ops);
		return {
			path,
			methods: Object.keys(ops).map((m) => m.toUpperCase()),
			query: [
				...new Set(
					all.flatMap((o) =>
						(o.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name)
					)
				)
			],
			body: [
				...new Set(
					all.flatMap((o) =>
						Object.keys(o.requestBody?.content['application/json']?.schema.properties ?? {})
					)
				)
			]
		};
	});
}

const enc = new TextEncoder();
/** Percent-encoded; a lone surrogate (which cannot be) goes as its UTF-8-like bytes, as a careless client would send it. */
const uri = (s: string) => {
	try {
		return encodeURIComponent(s);
	} catch {
		return encodeURIComponent(s.replace(/[\ud800-\udfff]/g, '')) + '%ED%A0%80';
	}
};
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD', 'PROPFIND'];
const NASTY = [
	'%00',
	'%ZZ',
	'%E0%A4%A',
	'%2e%2e',
	'..',
	'%2F',
	'x'.repeat(400),
	'%F0%9F%98%80',
	'%ED%A0%80', // an encoded lone surrogate
	'null',
	'0',
	'-1',
	'1e309',
	'__proto__',
	'constructor',
	'%20',
	'a;b',
	'%3Cscript%3E'
];
const segment = (ids: string[]) =>
	fc.oneof(
		{ weight: 3, arbitrary: fc.constantFrom(...ids) },
		{ weight: 3, arbitrary: fc.constantFrom(...NASTY) },
		{ weight: 2, arbitrary: fc.string({ maxLength: 30 }).map(uri) },
		{ weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }).map(uri) }
	);
const value = fc.oneof(
	fc.string({ maxLength: 20 }),
	fc.constantFrom(
		'',
		'true',
		'false',
		'-1',
		'0',
		'999999999999',
		'NaN',
		'2026-13-45',
		'%00',
		'\u0000',
		'\ud800',
		'a'.repeat(3000)
	),
	fc.integer().map(String)
);
const queryOf = (names: string[]) =>
	fc
		.array(
			fc.tuple(
				names.length
					? fc.oneof(fc.constantFrom(...names), fc.string({ maxLength: 8 }))
					: fc.string({ maxLength: 8 }),
				value,
				fc.boolean()
			),
			{ maxLength: 4 }
		)
		.map((kv) =>
			kv.length
				? '?' +
					kv.map(([k, v, raw]) => `${uri(k)}=${raw ? v.replace(/[#\s]/g, '') : uri(v)}`).join('&')
				: ''
		);
/** A JSON object with the route's field names (and others), each of a random type. */
const nearBody = (fields: string[]) =>
	fc
		.dictionary(
			fields.length
				? fc.oneof(fc.constantFrom(...fields), fc.string({ maxLength: 8 }))
				: fc.string({ maxLength: 8 }),
			fc.oneof(fc.anything({ maxDepth: 2 }), value),
			{ maxKeys: Math.max(3, fields.length + 1) }
		)
		.map((o) => enc.encode(JSON.stringify(o)));
const brokenBody = fc.oneof(
	fc
		.constantFrom(
			'{',
			'{"a":',
			'[',
			'nul',
			'{"title": "\u0000"}',
			'{"title": "\\ud800"}',
			'{"title": "\\u0000"}',
			'{"__proto__": {"admin": true}}',
			'{"constructor": {"prototype": {"x": 1}}}',
			'',
			'null',
			'[]',
			'"x"',
			'1e999'
		)
		.map((s) => enc.encode(s)),
	fc.jsonValue({ maxDepth: 3 }).map((v) => enc.encode(JSON.stringify(v))),
	fc.uint8Array({ maxLength: 64 }), // mostly invalid UTF-8
	fc
		.uint8Array({ maxLength: 8 })
		.map((b) =>
			Uint8Array.from([...enc.encode('{"title":"'), 0xff, 0xfe, ...b, ...enc.encode('"}')])
		)
);
const TOO_BIG = enc.encode(JSON.stringify({ title: 'x'.repeat(2 * 1024 * 1024) }));

/** One generated request against one of `routes`; path parameters are sometimes real ids. */
export function apiRequest(routes: Route[], ids: string[]): fc.Arbitrary<ApiRequest> {
	return fc.constantFrom(...routes).chain((r) =>
		fc.record({
			method: fc.oneof(
				{ weight: 5, arbitrary: fc.constantFrom(...r.methods) },
				{ weight: 2, arbitrary: fc.constantFrom(...METHODS) }
			),
			path: fc.array(segment(ids), { minLength: 3, maxLength: 3 }).map((segs) => {
				let i = 0;
				return r.path.replace(/\{\w+\}/g, () => segs[i++ % 3]!);
			}),
			query: queryOf(r.query),
			who: fc.constantFrom<Who>(
				'admin',
				'chair',
				'member1',
				'liaison1',
				'supervisor',
				'resident1',
				'anon',
				'token'
			),
			origin: fc.oneof(
				{ weight: 8, arbitrary: fc.constant('own' as const) },
				{ weight: 1, arbitrary: fc.constantFrom('none' as const, 'other' as const) }
			),
			contentType: fc.oneof(
				{ weight: 8, arbitrary: fc.constant('application/json') },
				{
					weight: 2,
					arbitrary: fc.constantFrom(
						null,
						'text/plain',
						'application/x-www-form-urlencoded',
						'multipart/form-data',
						'application/json; charset=latin1',
						'application/problem+json'
					)
				}
			),
			body: fc.oneof(
				{ weight: 400, arbitrary: nearBody(r.body) },
				{ weight: 300, arbitrary: brokenBody },
				{ weight: 100, arbitrary: fc.constant(null) },
				{ weight: 1, arbitrary: fc.constant(TOO_BIG) }
			)
		})
	);
}

/** Safe methods never change anything, whatever they answer. */
export const isUnsafe = (method: string) => !['GET', 'HEAD', 'OPTIONS'].includes(method);
