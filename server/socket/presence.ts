/**
 * Who is online in a committee. Kept in memory: presence is about open connections, which do
 * not survive a restart either. A person with several tabs counts once.
 */
import type { PresenceEntry } from '../../src/lib/shared/events';

interface Online {
	displayName: string;
	status: PresenceEntry['status'];
	sockets: Set<string>;
}

export class PresenceRegistry {
	#committees = new Map<string, Map<string, Online>>();

	join(committeeId: string, userId: string, displayName: string, socketId: string): void {
		const people = this.#committees.get(committeeId) ?? new Map<string, Online>();
		this.#committees.set(committeeId, people);
		const p = people.get(userId) ?? {
			displayName,
			status: 'online' as const,
			sockets: new Set<string>()
		};
		p.sockets.add(socketId);
		people.set(userId, p);
	}

	setStatus(committeeId: string, userId: string, status: PresenceEntry['status']): boolean {
		const p = this.#committees.get(committeeId)?.get(userId);
		if (!p) return false;
		p.status = status;
		return true;
	}

	/** Remove one socket; returns whether the person left (their last socket closed). */
	leave(committeeId: string, userId: string, socketId: string): boolean {
		const people = this.#committees.get(committeeId);
		const p = people?.get(userId);
		if (!people || !p) return false;
		p.sockets.delete(socketId);
		if (p.sockets.size) return false;
		people.delete(userId);
		if (!people.size) this.#committees.delete(committeeId);
		return true;
	}

	list(committeeId: string): PresenceEntry[] {
		const people = this.#committees.get(committeeId);
		if (!people) return [];
		return [...people].map(([userId, p]) => ({
			userId,
			displayName: p.displayName,
			status: p.status
		}));
	}
}
