/**
 * The storms benchmark's server child: Yiting's production entry (server/index.ts: the built
 * SvelteKit app, socket.io, the Yjs server, the demo seeded on first start) run as it is, with a
 * probe beside it in the same process that reports the event-loop delay
 * (perf_hooks.monitorEventLoopDelay) and the process's CPU time on its own port, so that nothing
 * of the app is stubbed or changed for the measurement.
 *
 * Started by bench/storms.ts with DATA_DIR, PORT and HOST set and an IPC channel; `stop` over
 * IPC ends it as a supervisor would (SIGTERM, graceful shutdown).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { cpuSample } from './hall-shared';
import type { LoopDelay, ProbeReady } from './storms-shared';

if (!process.send) throw new Error('storms-server.ts is started by bench/storms.ts (IPC channel)');

// 10 ms resolution: the delays that matter here are tens of ms and more.
const loop = monitorEventLoopDelay({ resolution: 10 });
loop.enable();

/** The delay since the last read (then reset), ms. */
function readLoop(): LoopDelay {
	const ms = (ns: number) => ns / 1e6;
	const out = {
		p50: ms(loop.percentile(50)),
		p95: ms(loop.percentile(95)),
		p99: ms(loop.percentile(99)),
		max: ms(loop.max)
	};
	loop.reset();
	return out;
}

const probe = http.createServer((req, res) => {
	const body =
		req.url === '/eld'
			? JSON.stringify(readLoop())
			: req.url === '/cpu'
				? JSON.stringify(cpuSample())
				: null;
	res.statusCode = body ? 200 : 404;
	res.setHeader('content-type', 'application/json');
	res.end(body ?? '');
});
await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
const ready: ProbeReady = { type: 'probe', port: (probe.address() as AddressInfo).port };
process.send(ready);

process.on('message', (m: { type?: string }) => {
	if (m?.type === 'stop') process.kill(process.pid, 'SIGTERM');
});
process.on('disconnect', () => process.kill(process.pid, 'SIGTERM'));

await import('../server/index');
