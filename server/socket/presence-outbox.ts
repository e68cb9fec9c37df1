/**
 * `presence:changed` goes out at most once per committee per window. Each message carries the
 * whole list of who is online, so a burst (a thousand people opening the home page, or losing
 * their connection at once) would otherwise send a thousand lists of up to a thousand people to
 * everyone in the committee. The first change after a quiet spell goes at once; later ones in
 * the same window go together at its end, as the list is then.
 */
import { committeeRoom } from '../../src/lib/shared/rooms';
import type { PresenceRegistry } from './presence';
import type { YitingServer } from './types';

/** At most one message per committee in this many ms. */
export const PRESENCE_WINDOW_MS = 100;

interface Box {
	sentAt: number;
	timer: NodeJS.Timeout | null;
}

export type PresenceOutbox = (committeeId: string) => void;

const outboxes = new WeakMap<PresenceRegistry, PresenceOutbox>();

/** The sender for a registry (one per socket server: handlers and disconnects share it). */
export function presenceOutbox(io: YitingServer, presence: PresenceRegistry): PresenceOutbox {
	let send = outboxes.get(presence);
	if (!send) outboxes.set(presence, (send = makeOutbox(io, presence)));
	return send;
}

function makeOutbox(io: YitingServer, presence: PresenceRegistry): PresenceOutbox {
	const boxes = new Map<string, Box>();
	const flush = (committeeId: string) => {
		const box = boxes.get(committeeId)!;
		box.timer = null;
		box.sentAt = Date.now();
		io.to(committeeRoom(committeeId)).emit('presence:changed', {
			committeeId,
			online: presence.list(committeeId)
		});
	};
	return (committeeId) => {
		let box = boxes.get(committeeId);
		if (!box) boxes.set(committeeId, (box = { sentAt: 0, timer: null }));
		if (box.timer) return;
		const wait = box.sentAt + PRESENCE_WINDOW_MS - Date.now();
		if (wait <= 0) return flush(committeeId);
		box.timer = setTimeout(() => flush(committeeId), wait);
		// A pending list never keeps a stopping server alive.
		box.timer.unref();
	};
}
