/**
 * Open a shared Yjs document at `/yjs/<name>` with the standard y-websocket client. The session
 * cookie authenticates it; the server decides read or write, and says "read-only" with
 * y-protocols' auth message (the stock client only logs it): `readOnly` turns true then, so
 * editors lock instead of letting edits pile up that the server drops.
 */
import type * as decoding from 'lib0/decoding';
import * as authProtocol from 'y-protocols/auth';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

/** y-websocket's message type for y-protocols' auth messages. */
const MESSAGE_AUTH = 2;

export interface SharedDocHandle {
	doc: Y.Doc;
	provider: WebsocketProvider;
	readonly status: 'connecting' | 'connected' | 'disconnected';
	readonly synced: boolean;
	/** The server said this connection may only read (sticky until a connection syncs without it). */
	readonly readOnly: boolean;
	destroy(): void;
}

export function openSharedDoc(
	name: string,
	user: { id: string; name: string; color: string }
): SharedDocHandle {
	const doc = new Y.Doc();
	const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/yjs`;
	const provider = new WebsocketProvider(url, name, doc, { maxBackoffTime: 2500 });
	provider.awareness.setLocalStateField('user', user);
	let status = $state<SharedDocHandle['status']>('connecting');
	let synced = $state(false);
	let readOnly = $state(false);
	// Whether the current connection was told read-only: the server says so before its first
	// sync message, so by the time the connection has synced this is settled.
	let denied = false;
	provider.messageHandlers[MESSAGE_AUTH] = (_enc, dec: decoding.Decoder) =>
		authProtocol.readAuthMessage(dec, doc, () => {
			denied = true;
			readOnly = true;
		});
	provider.on('status', (e: { status: SharedDocHandle['status'] }) => {
		status = e.status;
		if (e.status === 'connected') denied = false;
	});
	provider.on('sync', (s: boolean) => {
		synced = s;
		if (s) readOnly = denied;
	});
	return {
		doc,
		provider,
		get status() {
			return status;
		},
		get synced() {
			return synced;
		},
		get readOnly() {
			return readOnly;
		},
		destroy() {
			provider.destroy();
			doc.destroy();
		}
	};
}

/** A stable colour per person for cursors and presence. */
export function colorFor(id: string): string {
	let h = 0;
	for (const c of id) h = (h * 31 + c.charCodeAt(0)) % 360;
	return `hsl(${h} 65% 40%)`;
}
