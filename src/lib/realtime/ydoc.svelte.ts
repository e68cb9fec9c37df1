/**
 * Open a shared Yjs document at `/yjs/<name>` with the standard y-websocket client. The session
 * cookie authenticates it; the server decides read or write.
 */
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

export interface SharedDocHandle {
	doc: Y.Doc;
	provider: WebsocketProvider;
	readonly status: 'connecting' | 'connected' | 'disconnected';
	readonly synced: boolean;
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
	provider.on('status', (e: { status: SharedDocHandle['status'] }) => (status = e.status));
	provider.on('sync', (s: boolean) => (synced = s));
	return {
		doc,
		provider,
		get status() {
			return status;
		},
		get synced() {
			return synced;
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
