import { fail, redirect, type Actions, type RequestEvent } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { translate } from '$lib/i18n';
import { getDb } from '$lib/server/db';
import { formAction, requireActor } from '$lib/server/http/forms';
import { createNeed, listCategories, responseHours } from '$lib/server/needs/needs';
import { addPhotos } from '$lib/server/needs/photos';
import { listCommunities } from '$lib/server/org/org';
import { readPhotoUploads } from '$lib/server/uploads/form';
import { removeStoredPhoto } from '$lib/server/uploads/photos';
import { needInput, proxyNeedInput } from '$lib/shared/schemas/needs';
import { can } from '$lib/shared/permissions';
import { firstStep, needValues, stepFrom } from './steps';
import { check } from './step-check';
import { refuseUnless } from '$lib/server/http/pages';

/** Staff entering a need for a resident (代办), asked for with ?proxy=1. */
function proxyEntry(event: RequestEvent): boolean {
	const { actor, committeeId } = requireActor(event);
	return event.url.searchParams.get('proxy') === '1' && can(actor, 'need.manage', { committeeId });
}

export const load: PageServerLoad = (event) => {
	const { actor, committeeId } = requireActor(event);
	// Those who may not raise a need (the supervisor observes) are told so here, not after typing it.
	refuseUnless(
		event.locals.locale,
		can(actor, 'need.submit', { committeeId }),
		'need.cannotSubmit'
	);
	const db = getDb();
	return {
		proxy: proxyEntry(event),
		hours: responseHours(),
		categories: listCategories(db, actor, committeeId).map((c) => ({
			code: c.code,
			zh: c.nameZh,
			en: c.nameEn
		})),
		communities: listCommunities(db, actor, committeeId).map((c) => ({ id: c.id, name: c.name })),
		myCommunity:
			actor.roles.find((r) => r.committeeId === committeeId && r.communityId)?.communityId ?? null
	};
};

export const actions: Actions = {
	/**
	 * Moving between the steps when the page's scripts have not run (a slow phone, a tap before
	 * they load): every answer so far comes along as form fields and goes back into the page.
	 * Forward only when the steps before are complete; back always.
	 */
	step: async (event) => {
		const locale = event.locals.locale;
		const proxy = proxyEntry(event);
		let form: FormData;
		try {
			form = await event.request.formData();
		} catch {
			return fail(400, { values: {}, errors: {}, message: translate(locale, 'err.malformed') });
		}
		const values = needValues(form, proxy);
		const to = stepFrom(form.get('to'));
		const problems = check(values, to - 1, proxy);
		if (Object.keys(problems).length) {
			const errors = Object.fromEntries(
				Object.entries(problems).map(([f, keys]) => [f, keys.map((k) => translate(locale, k))])
			);
			return fail(400, {
				values,
				errors,
				message: translate(locale, 'err.validation'),
				step: firstStep(problems)
			});
		}
		return { values, step: to };
	},

	submit: async (event) => {
		const { actor, committeeId } = requireActor(event);
		const proxy = event.url.searchParams.get('proxy') === '1';
		const db = getDb();
		const result = await formAction(
			event,
			proxy ? proxyNeedInput : needInput,
			async (input, form) => {
				const photos = await readPhotoUploads(event.request, form);
				try {
					const need = createNeed(db, actor, committeeId, input, { proxy });
					if (photos.length) addPhotos(db, actor, need.id, photos);
					return { id: need.id };
				} catch (err) {
					for (const p of photos) removeStoredPhoto(p.file);
					throw err;
				}
			},
			(_, form) => needValues(form, proxy)
		);
		if ('id' in result) redirect(303, `/needs/new/done/${result.id}`);
		return result;
	}
};
