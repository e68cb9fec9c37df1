import { endpoint } from '$lib/server/api/endpoint';
import { categories } from '$lib/server/api/contracts/needs';
import { committeeOf } from '$lib/server/org/org';
import { listCategories } from '$lib/server/needs/needs';

export const GET = endpoint(categories, ({ db, actor, event }) =>
	listCategories(db, actor, committeeOf(actor)).map((c) => ({
		code: c.code,
		name: event.locals.locale === 'en' ? c.nameEn : c.nameZh
	}))
);
