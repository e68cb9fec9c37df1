import { endpoint } from '$lib/server/api/endpoint';
import { getAttendance } from '$lib/server/api/contracts/hall';
import { attendanceRecord, openHall } from '$lib/server/hall/hall';
import { recordedQuorum } from '$lib/shared/hall';

export const GET = endpoint(getAttendance, ({ db, actor, params }) => {
	const items = attendanceRecord(db, actor, params.id!);
	return { summary: recordedQuorum(items, openHall(db, params.id!).quorum), items };
});
