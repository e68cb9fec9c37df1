/**
 * Telling browsers that a need changed (its status or support count). Every service that changes
 * a need calls this one function, so who hears of it cannot drift apart.
 */
import type { Need } from '../db/schema';
import { getHub } from '../platform/hub';
import { committeeRoom, staffRoom, userRoom } from '../../shared/rooms';

/** Push a need's new status and count: to the committee when public, else to staff and the submitter. */
export function broadcastNeedChange(
	need: Pick<Need, 'id' | 'committeeId' | 'visibility' | 'submittedBy' | 'status' | 'supportCount'>
) {
	const payload = { id: need.id, status: need.status, supportCount: need.supportCount };
	const hub = getHub();
	if (need.visibility === 'public')
		hub.emit(committeeRoom(need.committeeId), 'need:changed', payload);
	else {
		hub.emit(staffRoom(need.committeeId), 'need:changed', payload);
		if (need.submittedBy) hub.emit(userRoom(need.submittedBy), 'need:changed', payload);
	}
}
