import { endpoint } from '$lib/server/api/endpoint';
import { getAttendance } from '$lib/server/api/contracts/hall';
import { attendanceRecord } from '$lib/server/services/hall';

export const GET = endpoint(getAttendance, ({ db, actor, params }) => ({ items: attendanceRecord(db, actor, params.id!) }));
