import { endpoint } from '$lib/server/api/endpoint';
import { createMeeting, listMeetings } from '$lib/server/api/contracts/meetings';
import { committeeOf } from '$lib/server/org/org';
import * as meetings from '$lib/server/meetings/meetings';
import { meetingForApi } from '$lib/server/meetings/view';

export const GET = endpoint(listMeetings, ({ db, actor, query }) => {
	const page = meetings.listMeetings(db, actor, committeeOf(actor), query);
	return { items: page.items.map(meetingForApi), nextCursor: page.nextCursor };
});
export const POST = endpoint(createMeeting, ({ db, actor, body }) =>
	meetingForApi(meetings.createMeeting(db, actor, committeeOf(actor), body))
);
