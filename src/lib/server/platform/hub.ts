/**
 * The bridge from services (which run inside SvelteKit's bundle or the custom server) to the
 * realtime layer (socket.io and the Yjs server in server/). server/app.ts registers the real
 * hub on globalThis; without one (build, unit tests) events go nowhere.
 */
import type * as Y from 'yjs';
import type { ServerToClientEvents } from '../../shared/events';
import { getDb } from '../db';
import { changeStoredDoc } from '../docs/store';

export interface Hub {
	/** Emit an event to a room (`committee:<id>`, `user:<id>`). */
	emit<E extends keyof ServerToClientEvents>(
		room: string,
		event: E,
		...args: Parameters<ServerToClientEvents[E]>
	): void;
	/** A session was revoked: close every connection that authenticated with it. */
	sessionRevoked(sessionId: string): void;
	/** A user's sessions or roles changed: close their connections so they re-authenticate. */
	userRevoked(userId: string): void;
	/** An API token was revoked: close the connections opened with it. */
	tokenRevoked(tokenId: string): void;
	/**
	 * Change a shared document from the server (e.g. put needs on an agenda): stored, then
	 * relayed to everyone who has it open. Without a realtime server, the stored log is changed.
	 */
	changeDoc(name: string, fn: (doc: Y.Doc) => void): void;
	/** Who may write a document changed (minutes finalised or approved): its connections reconnect and are let in anew. */
	docAccessChanged(name: string): void;
}

const KEY = Symbol.for('yiting.hub');
type G = typeof globalThis & { [KEY]?: Hub };

const noop: Hub = {
	emit() {},
	sessionRevoked() {},
	userRevoked() {},
	tokenRevoked() {},
	changeDoc: (name, fn) => changeStoredDoc(getDb(), name, fn),
	docAccessChanged() {}
};

export function getHub(): Hub {
	return (globalThis as G)[KEY] ?? noop;
}

export function setHub(hub: Hub | undefined): void {
	(globalThis as G)[KEY] = hub;
}
