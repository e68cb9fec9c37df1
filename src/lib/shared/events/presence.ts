/** Who of a committee is online right now (`presence:*`). */
import { z } from 'zod';
import { eventId as id } from './fields';

export const PRESENCE_STATUSES = ['online', 'away'] as const;

export const presenceEventSchemas = {
	'presence:join': z.strictObject({ id, committeeId: id }),
	'presence:update': z.strictObject({ id, committeeId: id, status: z.enum(PRESENCE_STATUSES) }),
	'presence:leave': z.strictObject({ id, committeeId: id })
} as const;

export interface PresenceEntry {
	userId: string;
	displayName: string;
	status: (typeof PRESENCE_STATUSES)[number];
}

export interface PresenceEventResults {
	'presence:join': { online: PresenceEntry[] };
	'presence:update': { online: PresenceEntry[] };
	'presence:leave': null;
}

export interface PresenceServerEvents {
	/** Who is online in a committee changed. */
	'presence:changed': (payload: { committeeId: string; online: PresenceEntry[] }) => void;
}
