/**
 * The HTTP API's one way in. Each endpoint is declared once (method, path, schemas) in
 * `contracts/`; `endpoint()` authenticates, reads and validates the body and query, handles
 * `Idempotency-Key`, calls the service and answers JSON or problem+json. The OpenAPI document
 * is generated from the same declarations, so it cannot drift.
 */
import type { RequestEvent, RequestHandler } from '@sveltejs/kit';
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { translate } from '../../i18n';
import { getDb, type Db } from '../db';
import { idempotencyKeys } from '../db/schema';
import { AppError, fieldErrors, retryAfterSeconds } from '../errors';
import { logger } from '../platform/log';
import type { Actor } from '../../shared/permissions';
import { parseJsonBody, refuseBadText } from '../http/text';
import { problem } from './problem';

export interface EndpointDef {
	method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
	/** OpenAPI path, e.g. `/units/{id}` (below /api/v1). */
	path: string;
	summary: string;
	tag: string;
	/** false for the few calls open to everyone (sign-in, registration). */
	auth?: boolean;
	body?: z.ZodType;
	query?: z.ZodType;
	response?: z.ZodType;
	/** Status of a successful answer. */
	status?: 200 | 201 | 204;
	/** Creating requests accept `Idempotency-Key`. */
	idempotent?: boolean;
}

export interface Ctx<D extends EndpointDef> {
	event: RequestEvent;
	db: Db;
	actor: Actor;
	userId: string;
	body: D['body'] extends z.ZodType ? z.infer<D['body']> : undefined;
	query: D['query'] extends z.ZodType ? z.infer<D['query']> : undefined;
	params: Record<string, string>;
}

/** JSON bodies larger than this are refused with 413. */
export const MAX_JSON_BYTES = 64 * 1024;

export function endpoint<D extends EndpointDef>(
	def: D,
	run: (ctx: Ctx<D>) => unknown
): RequestHandler {
	return async (event) => {
		const locale = event.locals.locale;
		try {
			const needsAuth = def.auth !== false;
			if (needsAuth && !event.locals.user)
				return problem(locale, 401, translate(locale, 'err.unauthorized'));
			const body = def.body ? def.body.parse(await readJson(event)) : undefined;
			const query = def.query ? parseQuery(def.query, event.url.searchParams) : undefined;
			const db = getDb();
			const ctx = {
				event,
				db,
				actor: event.locals.actor ?? { userId: '', roles: [] },
				userId: event.locals.user?.id ?? '',
				body,
				query,
				params: event.params as Record<string, string>
			} as Ctx<D>;
			const key = event.request.headers.get('idempotency-key');
			if (def.idempotent && key && event.locals.user)
				return await idempotent(db, event.locals.user.id, key, def, ctx, run);
			return respond(def, await run(ctx));
		} catch (err) {
			return toProblem(event, err);
		}
	};
}

function respond(def: EndpointDef, value: unknown): Response {
	if (value instanceof Response) return value;
	if (def.status === 204) return new Response(null, { status: 204 });
	return new Response(JSON.stringify(value), {
		status: def.status ?? 200,
		headers: { 'content-type': 'application/json; charset=utf-8' }
	});
}

async function readJson(event: RequestEvent): Promise<unknown> {
	const type = event.request.headers.get('content-type') ?? '';
	if (!/^application\/json\b/i.test(type)) throw new AppError(400, 'err.malformed');
	const length = Number(event.request.headers.get('content-length') ?? 0);
	if (length > MAX_JSON_BYTES) throw new AppError(413, 'err.tooLarge');
	const reader = event.request.body?.getReader();
	const chunks: Uint8Array[] = [];
	let size = 0;
	while (reader) {
		const { done, value } = await reader.read();
		if (done) break;
		size += value.byteLength;
		if (size > MAX_JSON_BYTES) {
			// Read the rest and drop it (adapter-node's BODY_SIZE_LIMIT bounds how much): cancelling
			// the stream destroys the socket, and the 413 would never reach the client.
			try {
				while (!(await reader.read()).done);
			} catch {
				// over BODY_SIZE_LIMIT, or the client went away
			}
			throw new AppError(413, 'err.tooLarge');
		}
		chunks.push(value);
	}
	return parseJsonBody(Buffer.concat(chunks));
}

function parseQuery(schema: z.ZodType, params: URLSearchParams) {
	refuseBadText(Object.fromEntries(params));
	const r = schema.safeParse(Object.fromEntries(params));
	if (!r.success) throw new AppError(400, 'err.validation', fieldErrors(r.error));
	return r.data;
}

async function idempotent<D extends EndpointDef>(
	db: Db,
	userId: string,
	key: string,
	def: D,
	ctx: Ctx<D>,
	run: (ctx: Ctx<D>) => unknown
) {
	if (key.length > 200) throw new AppError(400, 'err.malformed');
	const id = `${userId}:${key}`;
	const requestHash = encodeHexLowerCase(
		sha256(
			new TextEncoder().encode(
				JSON.stringify([def.method, ctx.event.url.pathname, ctx.body ?? null])
			)
		)
	);
	const existing = db.select().from(idempotencyKeys).where(eq(idempotencyKeys.id, id)).get();
	if (existing) {
		if (existing.requestHash !== requestHash) throw new AppError(422, 'err.idempotencyMismatch');
		if (existing.status === null) throw new AppError(409, 'err.idempotencyInProgress');
		return new Response(existing.body, {
			status: existing.status,
			headers: { 'content-type': 'application/json; charset=utf-8', 'idempotent-replayed': 'true' }
		});
	}
	db.insert(idempotencyKeys).values({ id, requestHash, createdAt: new Date() }).run();
	try {
		const response = respond(def, await run(ctx));
		const body = await response.clone().text();
		db.update(idempotencyKeys)
			.set({ status: response.status, body })
			.where(eq(idempotencyKeys.id, id))
			.run();
		return response;
	} catch (err) {
		// A refused request changed nothing: let the same key try again.
		db.delete(idempotencyKeys).where(eq(idempotencyKeys.id, id)).run();
		throw err;
	}
}

function toProblem(event: RequestEvent, err: unknown): Response {
	const locale = event.locals.locale;
	if (err instanceof z.ZodError)
		return problem(locale, 422, translate(locale, 'err.validation'), fieldErrors(err));
	if (err instanceof AppError) {
		const headers: Record<string, string> =
			err.status === 429 ? { 'retry-after': String(retryAfterSeconds(err)) } : {};
		return problem(locale, err.status, translate(locale, err.key, err.params), err.fields, headers);
	}
	logger.error(
		{ err, reqId: event.locals.requestId, path: event.url.pathname },
		'API handler failed'
	);
	return problem(locale, 500, translate(locale, 'err.internal'));
}
