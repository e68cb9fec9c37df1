import { endpoint } from '$lib/server/api/endpoint';
import { calendarToken } from '$lib/server/api/contracts/meetings';
import { createFeedToken } from '$lib/server/meetings/calendar';

export const POST = endpoint(calendarToken, ({ db, userId, event }) => ({
	url: `${event.url.origin}/calendar/${createFeedToken(db, userId)}.ics`
}));
