/** A y-websocket client in Node with the headers a browser would send (cookie, Origin). */
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

export function wsWithHeaders(headers: Record<string, string>) {
	return class extends WebSocket {
		constructor(url: string | URL, protocols?: string | string[]) {
			super(url, protocols, { headers });
		}
	};
}

export interface TestDocClient {
	doc: Y.Doc;
	provider: WebsocketProvider;
	synced: Promise<void>;
	destroy(): void;
}

export function connectDoc(
	wsUrl: string,
	name: string,
	headers: Record<string, string>
): TestDocClient {
	const doc = new Y.Doc();
	const provider = new WebsocketProvider(`${wsUrl}/yjs`, name, doc, {
		WebSocketPolyfill: wsWithHeaders(headers) as unknown as typeof globalThis.WebSocket,
		disableBc: true,
		maxBackoffTime: 500
	});
	const synced = new Promise<void>((resolve) => {
		if (provider.synced) resolve();
		else provider.once('sync', () => resolve());
	});
	return {
		doc,
		provider,
		synced,
		destroy() {
			provider.destroy();
			doc.destroy();
		}
	};
}

export async function waitFor(pred: () => boolean, timeoutMs = 5000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!pred()) {
		if (Date.now() > deadline) throw new Error('timed out waiting for a condition');
		await new Promise((r) => setTimeout(r, 20));
	}
}
