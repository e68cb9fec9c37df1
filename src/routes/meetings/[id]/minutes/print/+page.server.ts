import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { AppError } from '$lib/server/errors';
import { requireActor } from '$lib/server/forms';
import { getMeeting } from '$lib/server/services/meetings';
import { getMinutes } from '$lib/server/services/minutes';
import { attendanceRecord } from '$lib/server/services/hall';
import { translate } from '$lib/i18n';

export const load: PageServerLoad = (event) => {
	const { actor } = requireActor(event);
	const db = getDb();
	try {
		const meeting = getMeeting(db, actor, event.params.id);
		return { meeting, minutes: getMinutes(db, actor, meeting.id), attendance: attendanceRecord(db, actor, meeting.id), printedAt: new Date() };
	} catch (err) {
		if (err instanceof AppError) error(404, translate(event.locals.locale, 'error.404.title'));
		throw err;
	}
};
