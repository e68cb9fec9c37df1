/** Meetings as the API shows them. */
import type { MeetingView } from './meetings';

export function meetingForApi(m: MeetingView) {
	return {
		id: m.id,
		type: m.type,
		title: m.title,
		startsAt: m.startsAt,
		endsAt: m.endsAt,
		place: m.place,
		videoUrl: m.videoUrl,
		visibility: m.visibility,
		quorum: m.quorum,
		residentsMaySpeak: m.residentsMaySpeak,
		status: m.status,
		unitIds: m.unitIds,
		communityIds: m.communityIds,
		updatedAt: m.updatedAt
	};
}
