import type { LayoutServerLoad } from './$types';
import { requireActor } from '$lib/server/http/forms';
import { can } from '$lib/shared/permissions';
import { refuseUnless } from '$lib/server/http/pages';

export const load: LayoutServerLoad = (event) => {
	const { actor, committeeId } = requireActor(event);
	const manage = can(actor, 'org.manage', { committeeId });
	refuseUnless(event.locals.locale, manage || can(actor, 'people.view', { committeeId }));
	return { manage };
};
