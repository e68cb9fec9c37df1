import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { requireActor } from '$lib/server/http/forms';
import { refuseUnless } from '$lib/server/http/pages';
import { listNotices } from '$lib/server/supervision';
import { isStaff } from '$lib/shared/permissions';

const ID = /^[\w-]{1,64}$/;

/** Notices the person may read: all of them for supervision, their own unit's for a unit. */
export const load: PageServerLoad = (event) => {
	const { actor, committeeId } = requireActor(event);
	refuseUnless(event.locals.locale, isStaff(actor, committeeId));
	const get = (k: string) => {
		const v = event.url.searchParams.get(k) ?? '';
		return ID.test(v) ? v : undefined;
	};
	const open = event.url.searchParams.get('open') === 'on';
	const notices = listNotices(getDb(), actor, {
		unitId: get('unit'),
		taskId: get('task'),
		open
	});
	return { notices, open, task: get('task') ?? '', unit: get('unit') ?? '' };
};
