import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PresenceRegistry } from './presence';
import { PRESENCE_WINDOW_MS, presenceOutbox } from './presence-outbox';
import type { YitingServer } from './types';

type Sent = { room: string; event: string; payload: { online: { userId: string }[] } };

function fakeIo(sent: Sent[]): YitingServer {
	return {
		to: (room: string) => ({
			emit: (event: string, payload: Sent['payload']) => sent.push({ room, event, payload })
		})
	} as unknown as YitingServer;
}

describe('presenceOutbox', () => {
	beforeEach(() => void vi.useFakeTimers());
	afterEach(() => void vi.useRealTimers());

	it('sends the first change at once and a burst as one list at the window’s end', () => {
		const sent: Sent[] = [];
		const presence = new PresenceRegistry();
		const send = presenceOutbox(fakeIo(sent), presence);
		presence.join('c1', 'u0', '甲', 's0');
		send('c1');
		expect(sent).toHaveLength(1);
		for (let i = 1; i <= 500; i++) {
			presence.join('c1', `u${i}`, `居民${i}`, `s${i}`);
			send('c1');
		}
		presence.leave('c1', 'u0', 's0');
		send('c1');
		expect(sent).toHaveLength(1);
		vi.advanceTimersByTime(PRESENCE_WINDOW_MS);
		expect(sent).toHaveLength(2);
		const last = sent[1]!.payload.online.map((p) => p.userId);
		expect(last).toHaveLength(500);
		expect(last).not.toContain('u0');
		// Quiet again: the next change goes at once.
		vi.advanceTimersByTime(PRESENCE_WINDOW_MS);
		presence.leave('c1', 'u1', 's1');
		send('c1');
		expect(sent).toHaveLength(3);
	});

	it('keeps committees apart and is shared by everyone using the same registry', () => {
		const sent: Sent[] = [];
		const io = fakeIo(sent);
		const presence = new PresenceRegistry();
		expect(presenceOutbox(io, presence)).toBe(presenceOutbox(io, presence));
		presenceOutbox(io, presence)('c1');
		presenceOutbox(io, presence)('c2');
		expect(sent.map((s) => s.room)).toEqual(['committee:c1', 'committee:c2']);
	});
});
