/** A meeting's minutes as a shared document: written by recorders and the chair until approved. */
import type { DocKind } from '../docs/access';
import { minutesScope } from './minutes';
import { docAccess } from '../../shared/permissions';

export const minutesDocKinds: DocKind[] = [
	{
		kind: 'meeting',
		part: 'minutes',
		access(db, actor, id) {
			const { scope } = minutesScope(db, id);
			return docAccess(actor, ['minutes.view', scope], ['minutes.edit', scope]);
		}
	}
];
