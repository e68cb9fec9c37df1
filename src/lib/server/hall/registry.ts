/**
 * The halls that are open in this process: each meeting's floor state, its audience (for
 * permission checks without a query per event) and who is in the hall right now.
 *
 * The socket server (server/, run by tsx) and the SvelteKit bundle load this module as two
 * instances, so the registry lives on globalThis: a hand raised over socket.io and the
 * `GET /api/v1/meetings/{id}/hall` answer see the same hall.
 */
import type { HallState, Participant } from '../../shared/hall';
import type { MeetingScope } from '../../shared/permissions';

export interface HallPerson {
	participant: Participant;
	/** The person's open connections in this hall; they leave when the last one closes. */
	connections: Set<string>;
	/** Counts towards quorum once checked in: a member (or the chair) of the committee, whatever else they are. */
	quorum: boolean;
}

export interface OpenHall {
	committeeId: string;
	title: string;
	scope: MeetingScope;
	quorum: number;
	state: HallState;
	people: Map<string, HallPerson>;
	/** The agenda's item ids as last read (reactions and comments must name one of them). */
	itemIds: Set<string>;
}

const KEY = Symbol.for('yiting.halls');
type G = typeof globalThis & { [KEY]?: Map<string, OpenHall> };

export function halls(): Map<string, OpenHall> {
	return ((globalThis as G)[KEY] ??= new Map());
}
