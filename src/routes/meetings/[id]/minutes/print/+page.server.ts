import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { requireActor } from '$lib/server/http/forms';
import { getMeeting } from '$lib/server/meetings/meetings';
import { getMinutes } from '$lib/server/minutes/minutes';
import { config } from '$lib/server/config';
import { minutesHeader } from '$lib/server/minutes/header';
import { orErrorPage } from '$lib/server/http/pages';

export const load: PageServerLoad = (event) => {
	const { actor } = requireActor(event);
	const db = getDb();
	return orErrorPage(event.locals.locale, () => {
		const meeting = getMeeting(db, actor, event.params.id);
		const minutes = getMinutes(db, actor, meeting.id);
		const header = minutesHeader(db, {
			meetingId: meeting.id,
			status: minutes.status,
			approvedAt: minutes.approvedAt ? new Date(minutes.approvedAt) : null,
			locale: event.locals.locale,
			timeZone: config.timeZone
		});
		return { meeting, minutes, header, printedAt: new Date() };
	});
};
