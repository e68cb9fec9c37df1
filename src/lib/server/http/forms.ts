/**
 * Form actions' one way in: read the form, validate it with the same schema the API uses, call
 * the service, and on failure answer `fail()` with translated field messages and the values
 * typed, so the form keeps them.
 */
import { error, fail, type ActionFailure, type RequestEvent } from '@sveltejs/kit';
import type { z } from 'zod';
import { translate, type Locale } from '../../i18n';
import { AppError, fieldErrors, retryAfterSeconds, type FieldErrors } from '../errors';
import { logger } from '../platform/log';
import { badTextFields } from './text';
import type { Actor } from '../../shared/permissions';

export interface FormFailure {
	values: Record<string, string>;
	errors: Record<string, string[]>;
	message: string;
	[key: string]: unknown;
}

function translateFields(locale: Locale, fields: FieldErrors): Record<string, string[]> {
	return Object.fromEntries(
		Object.entries(fields).map(([f, keys]) => [f, keys.map((k) => translate(locale, k))])
	);
}

/** Read the form, parse it with `schema` (after `prepare`), and run `fn`. */
export async function formAction<S extends z.ZodType, T>(
	event: RequestEvent,
	schema: S,
	fn: (input: z.infer<S>, form: FormData) => T | Promise<T>,
	prepare: (values: Record<string, string>, form: FormData) => Record<string, unknown> = (v) => v
): Promise<T | ActionFailure<FormFailure>> {
	const locale = event.locals.locale;
	let values: Record<string, string> = {};
	let form: FormData;
	try {
		form = await event.request.formData();
		values = Object.fromEntries(
			[...form.entries()].filter(([, v]) => typeof v === 'string')
		) as Record<string, string>;
	} catch {
		return fail(400, { values, errors: {}, message: translate(locale, 'err.malformed') });
	}
	// Never send a password back to the page.
	const safeValues = Object.fromEntries(
		Object.entries(values).filter(([k]) => !/password/i.test(k))
	);
	const bad = badTextFields(values);
	if (Object.keys(bad).length) {
		return fail(422, {
			values: Object.fromEntries(Object.entries(safeValues).filter(([k]) => !bad[k])),
			errors: translateFields(locale, bad),
			message: translate(locale, 'err.validation')
		});
	}
	const parsed = schema.safeParse(prepare(values, form));
	if (!parsed.success) {
		return fail(422, {
			values: safeValues,
			errors: translateFields(locale, fieldErrors(parsed.error)),
			message: translate(locale, 'err.validation')
		});
	}
	try {
		return await fn(parsed.data, form);
	} catch (err) {
		if (err instanceof AppError) {
			// A page refused for too many attempts says when to come back, as the API does.
			if (err.status === 429) event.setHeaders({ 'retry-after': String(retryAfterSeconds(err)) });
			return fail(err.status, {
				values: safeValues,
				errors: translateFields(locale, err.fields),
				message: translate(locale, err.key, err.params)
			});
		}
		logger.error({ err, reqId: event.locals.requestId }, 'form action failed');
		return fail(500, {
			values: safeValues,
			errors: {},
			message: translate(locale, 'err.internal')
		});
	}
}

/** Pages that need a signed-in person with a committee: the actor and committee, or an error page. */
export function requireActor(event: Pick<RequestEvent, 'locals' | 'url'>): {
	actor: Actor;
	committeeId: string;
} {
	const actor = event.locals.actor;
	const committeeId = actor?.roles[0]?.committeeId;
	if (!actor || !committeeId) error(401, translate(event.locals.locale, 'error.401.title'));
	return { actor, committeeId };
}
