/**
 * The hall benchmark's bare socket.io baseline: a plain socket.io Server (default options,
 * websocket transport only, as the app's clients use), no database, no authentication, no
 * handlers; on the same core as the app server (started by bench/hall.ts).
 *
 * Every connection joins the room `hall`, except the controller (handshake `auth.control`),
 * whose `broadcast` event carries the hall state: `io.to('hall').emit('hall:state', state)` —
 * the same call and the same bytes as the app's broadcast. `/__bench/mem`, `/__bench/cpu`: see
 * hall-shared.ts.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { debugEndpoint, type BareReady } from './hall-shared';

if (!process.send) throw new Error('hall-bare-sio.ts is started by bench/hall.ts (an IPC channel)');

const server = http.createServer((req, res) => {
	const body = debugEndpoint(req.url);
	res.statusCode = body ? 200 : 404;
	res.end(body ?? '');
});
const io = new Server(server, { serveClient: false, transports: ['websocket'] });
io.on('connection', (socket) => {
	if ((socket.handshake.auth as { control?: boolean }).control) {
		socket.on('broadcast', (state: unknown) => io.to('hall').emit('hall:state', state));
		return;
	}
	void socket.join('hall');
});

server.listen(Number(process.env.BENCH_PORT || 0), '127.0.0.1', () => {
	const ready: BareReady = { type: 'ready', port: (server.address() as AddressInfo).port };
	process.send!(ready);
});

function stop() {
	void io.close();
	server.closeAllConnections();
	process.exit(0);
}
process.on('message', (m: { type?: string }) => {
	if (m?.type === 'stop') stop();
});
process.on('disconnect', stop);
