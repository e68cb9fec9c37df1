/** A meeting's shared documents: its agenda (co-edited while the agenda is open). */
import type { DocKind } from '../docs/access';
import { getMeeting, meetingScope } from './meetings';
import { docAccess } from '../../shared/permissions';

export const meetingDocKinds: DocKind[] = [
	{
		kind: 'meeting',
		part: 'agenda',
		access(db, actor, id) {
			const scope = meetingScope(getMeeting(db, actor, id));
			return docAccess(actor, ['meeting.view', scope], ['agenda.edit', scope]);
		}
	}
];
