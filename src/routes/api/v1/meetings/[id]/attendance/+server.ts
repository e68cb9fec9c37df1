import { endpoint } from '$lib/server/api/endpoint';
import { getAttendance } from '$lib/server/api/contracts/hall';
import { recordedQuorum } from '$lib/shared/hall';
import { attendanceRecord } from '$lib/server/hall/attendance';
import { openHall } from '$lib/server/hall/open';

export const GET = endpoint(getAttendance, ({ db, actor, params }) => {
	const items = attendanceRecord(db, actor, params.id!);
	return { summary: recordedQuorum(items, openHall(db, params.id!).quorum), items };
});
