import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { config } from '$lib/server/config';
import { dayOf } from '$lib/server/insight/period';

/** The evaluation of the year now under way (the annual meeting often looks at the year just ending). */
export const load: PageServerLoad = () => {
	redirect(307, `/evaluation/${dayOf(new Date(), config.timeZone).slice(0, 4)}`);
};
