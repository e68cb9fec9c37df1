import { error } from '@sveltejs/kit';
import type { LayoutServerLoad } from './$types';
import { requireActor } from '$lib/server/http/forms';
import { can } from '$lib/shared/permissions';
import { translate } from '$lib/i18n';

export const load: LayoutServerLoad = (event) => {
	const { actor, committeeId } = requireActor(event);
	const manage = can(actor, 'org.manage', { committeeId });
	if (!manage && !can(actor, 'people.view', { committeeId })) error(403, translate(event.locals.locale, 'error.403.title'));
	return { manage };
};
