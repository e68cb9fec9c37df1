/**
 * Changes one domain announces to the domains above it. Domains depend one way (the hall reads
 * meetings and minutes; they never import the hall), so when a meeting or its minutes change,
 * the meetings and minutes services announce it here and the hall, which keeps open halls in
 * memory, listens.
 *
 * Listeners run synchronously, in the order they were added, right where the change is
 * announced. They live on globalThis under a name because SvelteKit's bundle and the custom
 * server load their own copies of these modules: a name registered twice keeps one listener.
 */
import type { Db, DbLike } from '../db';

export interface DomainEvents {
	/** A meeting's audience, status or minutes status changed (after the change was committed). */
	'meeting.changed': { db: Db; meetingId: string };
	/**
	 * A meeting is closing: announced inside the closing transaction, so what a higher domain
	 * does about it (votes still open are counted) commits or rolls back with the close.
	 */
	'meeting.closing': { tx: DbLike; meetingId: string; afterCommit: (fn: () => void) => void };
	/**
	 * A task was approved as done (验收通过): announced inside the approving transaction with the
	 * needs it answers, so ratings can start waiting for residents' ratings in the same commit.
	 */
	'task.approved': {
		tx: DbLike;
		taskId: string;
		needIds: string[];
		now: Date;
		afterCommit: (fn: () => void) => void;
	};
}

type Listener<E extends keyof DomainEvents> = (payload: DomainEvents[E]) => void;
type Registry = { [E in keyof DomainEvents]?: Map<string, Listener<E>> };

const KEY = Symbol.for('yiting.domainEvents');
type G = typeof globalThis & { [KEY]?: Registry };

function registry(): Registry {
	return ((globalThis as G)[KEY] ??= {});
}

/** Listen to `event` as `name` (the same name again replaces the earlier listener). */
export function onDomainEvent<E extends keyof DomainEvents>(
	event: E,
	name: string,
	fn: Listener<E>
): void {
	const all = registry();
	const listeners = (all[event] ??= new Map()) as Map<string, Listener<E>>;
	listeners.set(name, fn);
}

/** Tell every listener of `event`. */
export function announce<E extends keyof DomainEvents>(event: E, payload: DomainEvents[E]): void {
	const listeners = registry()[event] as Map<string, Listener<E>> | undefined;
	for (const fn of listeners?.values() ?? []) fn(payload);
}
