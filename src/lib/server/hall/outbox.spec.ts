import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Participant } from '../../shared/hall';
import { setHub, type Hub } from '../platform/hub';
import { BROADCAST_WINDOW_MS, flushAll, sendPresence, sendState } from './outbox';
import { emptyOutbox, type OpenHall } from './registry';

type Sent = { room: string; event: string; payload: unknown };
let sent: Sent[];

function fakeHub(): Hub {
	return {
		// A copy as sent: the hall's state object keeps changing afterwards.
		emit: (room, event, ...args) =>
			void sent.push({ room, event, payload: structuredClone(args[0]) }),
		sessionRevoked() {},
		userRevoked() {},
		tokenRevoked() {},
		changeDoc() {},
		docAccessChanged() {}
	};
}

function openHall(meetingId = 'm1'): OpenHall {
	return {
		committeeId: 'c1',
		title: 'Meeting',
		scope: { visibility: 'members', status: 'live', unitIds: [], userIds: [], communityIds: [] },
		quorum: 2,
		state: {
			meetingId,
			version: 1,
			status: 'live',
			itemId: null,
			itemStartedAt: null,
			itemUsedMs: {},
			speaker: null,
			queue: [],
			speechLimitSec: 180,
			startedAt: null,
			closedAt: null
		},
		people: new Map(),
		itemIds: new Set(),
		minutesSections: new Set(),
		checkedInQuorum: 0,
		outbox: emptyOutbox()
	};
}

const person = (userId: string, checkedIn = false): Participant => ({
	userId,
	name: userId,
	role: 'member',
	unitName: '',
	checkedIn
});

/** Someone enters the hall (as the attendance code does) and the outbox is told. */
function enter(hall: OpenHall, userId: string, checkedIn = false) {
	const participant = person(userId, checkedIn);
	hall.people.set(userId, { participant, connections: new Set(['s']), quorum: true });
	sendPresence(hall, userId, participant);
}

function leave(hall: OpenHall, userId: string) {
	hall.people.delete(userId);
	sendPresence(hall, userId, null);
}

function change(hall: OpenHall) {
	hall.state.version++;
	sendState(hall);
}

const versions = () =>
	sent
		.filter((s) => s.event === 'hall:state')
		.map((s) => (s.payload as { version: number }).version);
const presence = () => sent.filter((s) => s.event === 'hall:presence').map((s) => s.payload);

beforeEach(() => {
	vi.useFakeTimers({ now: new Date('2026-03-01T09:00:00Z') });
	sent = [];
	setHub(fakeHub());
});

afterEach(() => {
	setHub(undefined);
	vi.useRealTimers();
});

describe('the hall outbox: floor state', () => {
	it('sends the first change after a quiet spell at once, to the hall’s room', () => {
		const hall = openHall('m7');
		change(hall);
		expect(sent).toEqual([{ room: 'hall:m7', event: 'hall:state', payload: hall.state }]);
	});

	it('sends a burst within the window as one message with the latest state, at the window’s end', () => {
		const hall = openHall();
		change(hall); // version 2, at once
		vi.advanceTimersByTime(10);
		change(hall);
		change(hall);
		change(hall); // version 5
		expect(versions()).toEqual([2]);
		vi.advanceTimersByTime(BROADCAST_WINDOW_MS - 11);
		expect(versions()).toEqual([2]);
		vi.advanceTimersByTime(1);
		expect(versions()).toEqual([2, 5]);
		vi.advanceTimersByTime(10 * BROADCAST_WINDOW_MS);
		expect(versions()).toEqual([2, 5]);
	});

	it('sends at once again after a quiet window', () => {
		const hall = openHall();
		change(hall);
		vi.advanceTimersByTime(BROADCAST_WINDOW_MS);
		change(hall);
		expect(versions()).toEqual([2, 3]);
	});

	it('sends what waits when flushed, and nothing twice', () => {
		const hall = openHall();
		change(hall);
		change(hall);
		enter(hall, 'an');
		enter(hall, 'bo');
		flushAll(hall);
		expect(versions()).toEqual([2, 3]);
		expect(presence()).toHaveLength(2);
		vi.advanceTimersByTime(10 * BROADCAST_WINDOW_MS);
		expect(versions()).toEqual([2, 3]);
		expect(presence()).toHaveLength(2);
	});

	it('keeps halls apart', () => {
		const a = openHall('ma');
		const b = openHall('mb');
		change(a);
		change(b);
		expect(sent.map((s) => s.room)).toEqual(['hall:ma', 'hall:mb']);
	});
});

describe('the hall outbox: presence', () => {
	it('coalesces arrivals and departures within a window into net changes, with attendance as it is then', () => {
		const hall = openHall();
		enter(hall, 'an'); // at once
		vi.advanceTimersByTime(5);
		enter(hall, 'bo', true);
		enter(hall, 'cai');
		leave(hall, 'an');
		leave(hall, 'cai');
		enter(hall, 'cai', true); // back, now checked in: their latest entry
		enter(hall, 'dai');
		leave(hall, 'dai'); // came and went: a departure
		expect(presence()).toHaveLength(1);
		vi.advanceTimersByTime(BROADCAST_WINDOW_MS);
		expect(presence()).toEqual([
			{
				meetingId: 'm1',
				joined: [person('an')],
				left: [],
				attendance: { inHall: 1, present: 0, quorum: 2, quorumMet: false }
			},
			{
				meetingId: 'm1',
				joined: [person('bo', true), person('cai', true)],
				left: ['an', 'dai'],
				attendance: { inHall: 2, present: 2, quorum: 2, quorumMet: true }
			}
		]);
	});

	it('sends presence and state on their own clocks', () => {
		const hall = openHall();
		change(hall);
		enter(hall, 'an');
		expect(sent.map((s) => s.event)).toEqual(['hall:state', 'hall:presence']);
	});
});
