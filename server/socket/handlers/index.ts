/**
 * Every client event's handler, one file per domain. The table is checked against the shared
 * contract: an event without a handler, or a handler for an event nobody declared, does not
 * compile.
 */
import type { Db } from '../../../src/lib/server/db';
import type { ClientEventName } from '../../../src/lib/shared/events';
import type { PresenceRegistry } from '../presence';
import type { Handlers, YitingServer } from '../types';
import { hallHandlers } from './hall';
import { presenceHandlers } from './presence';
import { voteHandlers } from './votes';

export { leaveAllHalls } from './hall';
export { leaveAllCommittees } from './presence';

export interface HandlerDeps {
	db: Db;
	io: YitingServer;
	presence: PresenceRegistry;
}

export function socketHandlers({ db, io, presence }: HandlerDeps): Handlers<ClientEventName> {
	return {
		...presenceHandlers(io, presence),
		...hallHandlers(db),
		...voteHandlers(db)
	} satisfies Handlers<ClientEventName>;
}
