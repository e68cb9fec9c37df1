/**
 * Yiting's Prometheus metrics (prom-client): connections, live halls, loaded documents, socket
 * events by name and outcome, ack and HTTP latency histograms, and Node's own figures
 * (event-loop delay, heap, CPU). Served at `GET /metrics` only when METRICS_TOKEN is set, to a
 * scraper that sends it as a bearer token.
 *
 * The server hooks in with one-liners (observeHttp, observeAck, documentLoaded) and registers
 * what it can count (registerRealtimeSource); the registry lives on globalThis because tests run
 * several servers in one process and the server and SvelteKit bundles load modules twice.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { timingSafeEqual, createHash } from 'node:crypto';
import client from 'prom-client';

/** What a running realtime layer can count when scraped. */
export interface RealtimeSource {
	socketConnections(): number;
	yjsConnections(): number;
	hallsLive(): number;
	documentsLoaded(): number;
}

interface Metrics {
	registry: client.Registry;
	sources: Set<RealtimeSource>;
	events: client.Counter<'event' | 'result'>;
	ackSeconds: client.Histogram<'event'>;
	httpSeconds: client.Histogram<'method' | 'route' | 'status'>;
	documentLoads: client.Counter;
}

const KEY = Symbol.for('yiting.metrics');
type G = typeof globalThis & { [KEY]?: Metrics };

function sum(sources: Set<RealtimeSource>, read: (s: RealtimeSource) => number): number {
	let n = 0;
	for (const s of sources) n += read(s);
	return n;
}

function gauge(m: Metrics, name: string, help: string, read: (s: RealtimeSource) => number) {
	new client.Gauge({
		name,
		help,
		registers: [m.registry],
		collect() {
			this.set(sum(m.sources, read));
		}
	});
}

function create(): Metrics {
	const registry = new client.Registry();
	// Event-loop delay (nodejs_eventloop_lag_*), heap, GC, CPU and file descriptors.
	client.collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 10 });
	const registers = [registry];
	const m: Metrics = {
		registry,
		sources: new Set(),
		events: new client.Counter({
			name: 'yiting_socket_events_total',
			help: 'socket.io events answered, by event name and result (ok or the error code)',
			labelNames: ['event', 'result'],
			registers
		}),
		ackSeconds: new client.Histogram({
			name: 'yiting_socket_ack_seconds',
			help: 'Time from a socket.io event arriving to its acknowledgement',
			labelNames: ['event'],
			buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
			registers
		}),
		httpSeconds: new client.Histogram({
			name: 'yiting_http_request_seconds',
			help: 'HTTP request duration, by method, kind of route and status',
			labelNames: ['method', 'route', 'status'],
			buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
			registers
		}),
		documentLoads: new client.Counter({
			name: 'yiting_yjs_document_loads_total',
			help: 'Shared documents loaded from the database into memory',
			registers
		})
	};
	gauge(m, 'yiting_socket_connections', 'Open socket.io connections', (s) => s.socketConnections());
	gauge(m, 'yiting_yjs_connections', 'Open Yjs connections', (s) => s.yjsConnections());
	gauge(m, 'yiting_halls_live', 'Meeting halls with someone in them', (s) => s.hallsLive());
	gauge(m, 'yiting_yjs_documents_loaded', 'Shared documents in memory', (s) => s.documentsLoaded());
	return m;
}

function metrics(): Metrics {
	const g = globalThis as G;
	return (g[KEY] ??= create());
}

/** Count what a realtime layer holds at every scrape; returns the function that stops it. */
export function registerRealtimeSource(source: RealtimeSource): () => void {
	const { sources } = metrics();
	sources.add(source);
	return () => void sources.delete(source);
}

/** A shared document was loaded into memory. */
export function documentLoaded(): void {
	metrics().documentLoads.inc();
}

/**
 * Wrap a socket.io acknowledgement so that answering it counts the event and times it. `event`
 * must be a known event name (unknown names would let a client create label values at will).
 */
export function observeAck<T>(event: string, ack: T): T {
	if (typeof ack !== 'function') return ack;
	const m = metrics();
	const stop = m.ackSeconds.startTimer({ event });
	return ((result: { ok: boolean; error?: { code: string } }) => {
		stop();
		m.events.inc({ event, result: result?.ok ? 'ok' : (result?.error?.code ?? 'error') });
		return (ack as (r: unknown) => unknown)(result);
	}) as T;
}

/** The kind of route, never the path itself (ids in paths would explode the label values). */
function routeKind(url: string | undefined): string {
	const path = (url ?? '/').split('?')[0] ?? '/';
	if (path.startsWith('/api/')) return 'api';
	if (path.startsWith('/socket.io/')) return 'socket.io';
	if (path.startsWith('/_app/')) return 'asset';
	if (path === '/healthz' || path === '/metrics') return path.slice(1);
	return 'page';
}

/** Time an HTTP request until its response is finished. */
export function observeHttp(req: IncomingMessage, res: ServerResponse): void {
	const stop = metrics().httpSeconds.startTimer();
	res.once('finish', () =>
		stop({ method: req.method ?? 'GET', route: routeKind(req.url), status: res.statusCode })
	);
}

function sameToken(given: string, expected: string): boolean {
	// Hashed first, so the comparison takes the same time whatever the lengths.
	const a = createHash('sha256').update(given).digest();
	const b = createHash('sha256').update(expected).digest();
	return timingSafeEqual(a, b);
}

/**
 * Answer `GET /metrics`; returns false for other requests and when no token is configured (the
 * route then does not exist: 404 from the app).
 */
export function serveMetrics(
	req: IncomingMessage,
	res: ServerResponse,
	token: string | undefined
): boolean {
	if (!token || (req.url ?? '').split('?')[0] !== '/metrics') return false;
	const given = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
	if (!sameToken(given, token)) {
		res.writeHead(401, { 'www-authenticate': 'Bearer realm="metrics"' }).end();
		return true;
	}
	const { registry } = metrics();
	registry.metrics().then(
		(text) => res.writeHead(200, { 'content-type': registry.contentType }).end(text),
		() => res.writeHead(500).end()
	);
	return true;
}
