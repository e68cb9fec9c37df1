/**
 * The hall benchmark's baseline server child: bare `ws`, no socket.io, no database, no
 * permission checks, on the same core as the app server (started by bench/hall.ts).
 *
 * - `/fan`: the fan-out baseline. A client sends `T<json>` once: the hall state to broadcast
 *   (the object the app sends). Then each `V<n>` sets its `version` to n and sends
 *   `42["hall:state",<JSON.stringify(state)>]` — the same bytes as the app's socket.io frame,
 *   serialised once per broadcast as socket.io does — to every `/fan` client.
 * - `/relay`: the minutes baseline. Every binary frame goes to every other `/relay` client
 *   unchanged (no Y.Doc, no storage).
 * - `/__bench/mem`, `/__bench/cpu`: this process's memory and CPU (see hall-shared.ts).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { debugEndpoint, type BareReady } from './hall-shared';

if (!process.send) throw new Error('hall-bare.ts is started by bench/hall.ts (an IPC channel)');

const server = http.createServer((req, res) => {
	const body = debugEndpoint(req.url);
	res.statusCode = body ? 200 : 404;
	res.end(body ?? '');
});
const wss = new WebSocketServer({ noServer: true });
const fan = new Set<WebSocket>();
const relay = new Set<WebSocket>();
let state: Record<string, unknown> = {};

server.on('upgrade', (req, socket, head) => {
	const p = (req.url ?? '').split('?')[0];
	if (p !== '/fan' && p !== '/relay') return socket.destroy();
	wss.handleUpgrade(req, socket, head, (ws) => {
		const set = p === '/fan' ? fan : relay;
		set.add(ws);
		ws.on('close', () => set.delete(ws));
		ws.on('error', () => ws.terminate());
		if (set === fan) {
			ws.on('message', (data, isBinary) => {
				if (isBinary) return;
				const text = data.toString();
				if (text[0] === 'T') state = JSON.parse(text.slice(1)) as Record<string, unknown>;
				else if (text[0] === 'V') {
					state.version = Number(text.slice(1));
					const frame = `42["hall:state",${JSON.stringify(state)}]`;
					for (const c of fan) c.send(frame);
				}
			});
		} else {
			ws.on('message', (data, isBinary) => {
				for (const c of relay) if (c !== ws) c.send(data, { binary: isBinary });
			});
		}
	});
});

server.listen(0, '127.0.0.1', () => {
	const ready: BareReady = { type: 'ready', port: (server.address() as AddressInfo).port };
	process.send!(ready);
});

function stop() {
	for (const c of [...fan, ...relay]) c.terminate();
	wss.close();
	server.close();
	server.closeAllConnections();
	process.exit(0);
}
process.on('message', (m: { type?: string }) => {
	if (m?.type === 'stop') stop();
});
process.on('disconnect', stop);
