/**
 * The halls that are open in this process: each meeting's floor state, its audience (for
 * permission checks without a query per event) and who is in the hall right now.
 *
 * The socket server (server/, run by tsx) and the SvelteKit bundle load this module as two
 * instances, so the registry lives on globalThis: a hand raised over socket.io and the
 * `GET /api/v1/meetings/{id}/hall` answer see the same hall.
 */
import type { AttendanceSummary, HallState, Participant } from '../../shared/hall';
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
	/** Agenda titles known to have a section in the minutes (so a move checks the document once per item). */
	minutesSections: Set<string>;
	/** Those counting towards quorum who have checked in, whether still here or not (a closed meeting's count). */
	checkedInQuorum: number;
	/** Broadcasts waiting to go out (see outbox.ts). */
	outbox: Outbox;
}

/**
 * A burst of changes (a hundred hands, five hundred people arriving) goes out as one message a
 * window rather than one each: the first change after a quiet spell is sent at once, later ones
 * in the same window wait for its end and go together, latest state only.
 */
export interface Outbox {
	state: { due: boolean; sentAt: number; timer: NodeJS.Timeout | null };
	/** Who entered (their entry) or left (null) since the last presence message. */
	presence: {
		changes: Map<string, Participant | null>;
		sentAt: number;
		timer: NodeJS.Timeout | null;
	};
}

export function emptyOutbox(): Outbox {
	return {
		state: { due: false, sentAt: 0, timer: null },
		presence: { changes: new Map(), sentAt: 0, timer: null }
	};
}

const KEY = Symbol.for('yiting.halls');
type G = typeof globalThis & { [KEY]?: Map<string, OpenHall> };

export function halls(): Map<string, OpenHall> {
	return ((globalThis as G)[KEY] ??= new Map());
}

/**
 * Who is in the hall, and how many checked-in members count towards quorum: those here now while
 * the meeting runs; once it is closed, everyone who checked in (the record, not who lingers).
 */
export function attendanceSummary(hall: OpenHall): AttendanceSummary {
	let present = 0;
	for (const p of hall.people.values()) if (p.participant.checkedIn && p.quorum) present++;
	if (hall.state.status === 'closed') present = hall.checkedInQuorum;
	return {
		inHall: hall.people.size,
		present,
		quorum: hall.quorum,
		quorumMet: present >= hall.quorum
	};
}
