/**
 * The hall benchmark's bare `ws` baseline: no socket.io, no database, no permission checks, on
 * the same core as the app server (started by bench/hall.ts).
 *
 * `/fan`: a client sends `T<json>` once: the hall state to broadcast (the object the app sends).
 * Then each `V<n>` sets its `version` to n and sends `42["hall:state",<JSON.stringify(state)>]`
 * — the same bytes as the app's socket.io frame, serialised once per broadcast as socket.io
 * does — to every other `/fan` client. `/__bench/mem`, `/__bench/cpu`: see hall-shared.ts.
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
let state: Record<string, unknown> = {};

server.on('upgrade', (req, socket, head) => {
	if ((req.url ?? '').split('?')[0] !== '/fan') return socket.destroy();
	wss.handleUpgrade(req, socket, head, (ws) => {
		fan.add(ws);
		ws.on('close', () => fan.delete(ws));
		ws.on('error', () => ws.terminate());
		ws.on('message', (data, isBinary) => {
			if (isBinary) return;
			const text = data.toString();
			if (text[0] === 'T') state = JSON.parse(text.slice(1)) as Record<string, unknown>;
			else if (text[0] === 'V') {
				state.version = Number(text.slice(1));
				const frame = `42["hall:state",${JSON.stringify(state)}]`;
				for (const c of fan) if (c !== ws) c.send(frame);
			}
		});
	});
});

server.listen(Number(process.env.BENCH_PORT || 0), '127.0.0.1', () => {
	const ready: BareReady = { type: 'ready', port: (server.address() as AddressInfo).port };
	process.send!(ready);
});

function stop() {
	for (const c of fan) c.terminate();
	wss.close();
	server.close();
	server.closeAllConnections();
	process.exit(0);
}
process.on('message', (m: { type?: string }) => {
	if (m?.type === 'stop') stop();
});
process.on('disconnect', stop);
