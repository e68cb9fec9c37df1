import { redirect, type Actions } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { formAction, requireActor } from '$lib/server/forms';
import { addPhotos, createNeed, listCategories, responseHours } from '$lib/server/services/needs';
import { listCommunities } from '$lib/server/services/org';
import { readPhotoUploads } from '$lib/server/uploads/form';
import { removeStoredPhoto } from '$lib/server/uploads/photos';
import { needInput, proxyNeedInput } from '$lib/shared/schemas/needs';
import { can } from '$lib/shared/permissions';

export const load: PageServerLoad = (event) => {
	const { actor, committeeId } = requireActor(event);
	const db = getDb();
	const proxy = event.url.searchParams.get('proxy') === '1' && can(actor, 'need.manage', { committeeId });
	return {
		proxy,
		hours: responseHours(),
		categories: listCategories(db, actor, committeeId).map((c) => ({ code: c.code, zh: c.nameZh, en: c.nameEn })),
		communities: listCommunities(db, actor, committeeId).map((c) => ({ id: c.id, name: c.name })),
		myCommunity: actor.roles.find((r) => r.committeeId === committeeId && r.communityId)?.communityId ?? null
	};
};

// Empty optional fields arrive as ''; the schema wants them absent.
const prepare = (v: Record<string, string>) => Object.fromEntries(Object.entries(v).filter(([k, x]) => x !== '' && k !== 'proxy'));

export const actions: Actions = {
	default: async (event) => {
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
			prepare
		);
		if ('id' in result) redirect(303, `/needs/${result.id}?new=1`);
		return result;
	}
};
