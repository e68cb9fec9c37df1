/**
 * The minutes benchmark's reference: `@y/websocket-server`, the in-memory y-websocket server
 * (no authentication, no storage: it relays as soon as it has applied an update), in its own
 * process, started by bench/minutes.ts. Reports its port over IPC.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { setupWSConnection } from '@y/websocket-server/utils';

if (!process.send) throw new Error('minutes-ref.ts is started by bench/minutes.ts (IPC)');

const setup = setupWSConnection as (ws: unknown, req: http.IncomingMessage) => void;
const wss = new WebSocketServer({ noServer: true });
const server = http.createServer((_req, res) => {
	res.statusCode = 404;
	res.end();
});
server.on('upgrade', (req, socket, head) =>
	wss.handleUpgrade(req, socket, head, (ws) => setup(ws, req))
);
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
process.send({ type: 'ready', port: (server.address() as AddressInfo).port });

const stop = () => {
	for (const ws of wss.clients) ws.terminate();
	server.close(() => process.exit(0));
	setTimeout(() => process.exit(0), 2000).unref();
};
process.on('message', (m: { type?: string }) => m?.type === 'stop' && stop());
process.on('disconnect', stop);
