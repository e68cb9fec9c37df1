import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { AppError } from '$lib/server/errors';
import { requireActor } from '$lib/server/http/forms';
import { getMeeting } from '$lib/server/meetings/meetings';
import { getMinutes } from '$lib/server/minutes/minutes';
import { config } from '$lib/server/config';
import { minutesHeader } from '$lib/server/minutes/header';
import { translate } from '$lib/i18n';

export const load: PageServerLoad = (event) => {
	const { actor } = requireActor(event);
	const db = getDb();
	try {
		const meeting = getMeeting(db, actor, event.params.id);
		const minutes = getMinutes(db, actor, meeting.id);
		const header = minutesHeader(db, { meetingId: meeting.id, status: minutes.status, approvedAt: minutes.approvedAt ? new Date(minutes.approvedAt) : null, locale: event.locals.locale, timeZone: config.timeZone });
		return { meeting, minutes, header, printedAt: new Date() };
	} catch (err) {
		if (err instanceof AppError) error(404, translate(event.locals.locale, 'error.404.title'));
		throw err;
	}
};
