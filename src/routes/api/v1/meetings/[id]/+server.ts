import { endpoint } from '$lib/server/api/endpoint';
import { getMeeting, updateMeeting } from '$lib/server/api/contracts/meetings';
import * as meetings from '$lib/server/meetings/meetings';
import { meetingForApi } from '$lib/server/meetings/view';

export const GET = endpoint(getMeeting, ({ db, actor, params }) =>
	meetingForApi(meetings.getMeeting(db, actor, params.id!))
);
export const PATCH = endpoint(updateMeeting, ({ db, actor, params, body }) =>
	meetingForApi(meetings.updateMeeting(db, actor, params.id!, body))
);
