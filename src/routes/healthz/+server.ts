import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';

/** 200 when the database answers, 503 otherwise. */
export const GET = () => {
	try {
		getDb().$client.prepare('select 1').get();
		return json({ status: 'ok' });
	} catch {
		return json({ status: 'unavailable' }, { status: 503 });
	}
};
