/**
 * The deployment as docs/deploy.md describes it: Debian's nginx running deploy/nginx/yiting.conf
 * (ports, paths and names substituted) with a self-signed certificate on loopback, in front of
 * the built server with the production settings of the guide. A sign-in gets a `Secure` cookie,
 * socket.io (websocket and long-polling) answers, and two Yjs clients sync, all through nginx.
 *
 * Without nginx installed the test is skipped — except under CI=1, where that is a failure.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { io as ioClient, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../../src/lib/server/db';
import { units } from '../../src/lib/server/db/schema';
import type { Result } from '../../src/lib/shared/result';
import { freePort, startServerProcess, type ServerProcess } from '../helpers/process';
import { waitFor } from '../helpers/yjs-client';

const NGINX = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => fs.existsSync(p));
if (!NGINX && process.env.CI)
	throw new Error('nginx is missing: CI must install it (apt-get install nginx; see .ci/run)');
if (!NGINX) console.warn('nginx.test.ts skipped: nginx is not installed (apt-get install nginx)');

/** The repo's nginx config with this test's ports, certificate and server name. */
function templated(opts: { https: number; http: number; upstream: number; dir: string }): string {
	const conf = fs.readFileSync('deploy/nginx/yiting.conf', 'utf8');
	const swaps: [string, string][] = [
		['server 127.0.0.1:3000;', `server 127.0.0.1:${opts.upstream};`],
		['listen 443 ssl http2;', `listen 127.0.0.1:${opts.https} ssl http2;`],
		['listen [::]:443 ssl http2;', ''],
		['listen 80;', `listen 127.0.0.1:${opts.http};`],
		['listen [::]:80;', ''],
		['/etc/letsencrypt/live/yiting.example.org/fullchain.pem', path.join(opts.dir, 'cert.pem')],
		['/etc/letsencrypt/live/yiting.example.org/privkey.pem', path.join(opts.dir, 'key.pem')],
		['server_name yiting.example.org;', 'server_name 127.0.0.1;']
	];
	let out = conf;
	for (const [from, to] of swaps) {
		if (!out.includes(from)) throw new Error(`deploy/nginx/yiting.conf no longer has "${from}"`);
		out = out.replaceAll(from, to);
	}
	return out;
}

function mainConf(dir: string): string {
	const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']
		.map((k) => `\t${k}_temp_path ${path.join(dir, k)};`)
		.join('\n');
	return [
		'daemon off;',
		// Workers run as nobody when the master is root; this directory is private to us.
		process.getuid?.() === 0 ? 'user root;' : '',
		`pid ${path.join(dir, 'nginx.pid')};`,
		`error_log ${path.join(dir, 'error.log')} warn;`,
		'events { worker_connections 256; }',
		'http {',
		`\taccess_log ${path.join(dir, 'access.log')};`,
		temp,
		`\tinclude ${path.join(dir, 'yiting.conf')};`,
		'}'
	].join('\n');
}

describe.skipIf(!NGINX)('behind nginx with TLS', () => {
	let dir: string;
	let base: string;
	let server: ServerProcess;
	let nginx: ChildProcess;
	let ca: string;
	let cookie = '';
	let docName = '';
	const sockets: Socket[] = [];

	beforeAll(async () => {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yiting-nginx-'));
		execFileSync('openssl', [
			...['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1'],
			...['-nodes', '-days', '2', '-subj', '/CN=127.0.0.1'],
			...['-addext', 'subjectAltName=IP:127.0.0.1'],
			...['-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem')]
		]);
		ca = fs.readFileSync(path.join(dir, 'cert.pem'), 'utf8');
		const port = Number(process.env.YITING_TEST_NGINX_PORT) || (await freePort());
		base = `https://127.0.0.1:${port}`;
		// The production settings of docs/deploy.md.
		server = await startServerProcess({
			env: { ORIGIN: base, ADDRESS_HEADER: 'X-Forwarded-For', XFF_DEPTH: '1' }
		});
		fs.writeFileSync(
			path.join(dir, 'yiting.conf'),
			templated({ https: port, http: await freePort(), upstream: server.port, dir })
		);
		fs.writeFileSync(path.join(dir, 'nginx.conf'), mainConf(dir));
		let log = '';
		nginx = spawn(NGINX!, ['-p', dir, '-c', path.join(dir, 'nginx.conf'), '-e', 'stderr'], {
			stdio: ['ignore', 'pipe', 'pipe']
		});
		nginx.stderr!.on('data', (d: Buffer) => (log += d.toString()));
		await waitFor(
			() => fs.existsSync(path.join(dir, 'nginx.pid')) || nginx.exitCode !== null,
			10_000
		);
		if (nginx.exitCode !== null) throw new Error(`nginx did not start:\n${log}`);
		const db = openDb(path.join(server.dataDir, 'yiting.db'));
		docName = `unit/${db.select().from(units).where(eq(units.name, '区城市管理局')).get()!.id}/duties`;
		db.$client.close();
	}, 60_000);

	afterAll(async () => {
		for (const s of sockets) s.disconnect();
		if (nginx && nginx.exitCode === null) {
			const exited = new Promise((r) => nginx.once('exit', r));
			nginx.kill('SIGQUIT');
			await exited;
		}
		await server?.stop();
	});

	/** One HTTPS request through nginx, trusting only the test's certificate. */
	function request(
		pathname: string,
		opts: { method?: string; body?: string; headers?: Record<string, string> } = {}
	): Promise<{
		status: number;
		headers: Record<string, string | string[] | undefined>;
		body: string;
	}> {
		return new Promise((resolve, reject) => {
			const req = https.request(
				`${base}${pathname}`,
				{ method: opts.method ?? 'GET', headers: opts.headers, ca },
				(res) => {
					let body = '';
					res.on('data', (d: Buffer) => (body += d.toString()));
					res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
				}
			);
			req.on('error', reject);
			req.end(opts.body);
		});
	}

	it('signs in over TLS with a Secure, HttpOnly session cookie', async () => {
		const r = await request('/api/v1/auth/login', {
			method: 'POST',
			headers: { 'content-type': 'application/json', origin: base },
			body: JSON.stringify({ login: 'admin', password: 'yiting-demo' })
		});
		expect(r.status, r.body).toBe(200);
		const setCookie = ([] as string[]).concat(r.headers['set-cookie'] ?? []);
		const session = setCookie.find((c) => /; ?HttpOnly/i.test(c))!;
		expect(session).toMatch(/; ?Secure/i);
		cookie = session.split(';')[0]!;
		expect((await request('/metrics')).status).toBe(404);
	});

	it('exchanges socket.io events over websocket and long-polling', async () => {
		for (const transports of [['websocket'], ['polling']]) {
			const s = ioClient(base, {
				transports,
				extraHeaders: { cookie, origin: base },
				ca,
				reconnection: false,
				forceNew: true
			});
			sockets.push(s);
			await new Promise<void>((resolve, reject) => {
				s.once('connect', () => resolve());
				s.once('connect_error', reject);
			});
			expect(s.io.engine.transport.name).toBe(transports[0]);
			const r: Result<unknown> = await s.emitWithAck('hall:join', {
				id: `j-${transports[0]}`,
				meetingId: 'no-such-meeting'
			});
			expect(r.ok ? 'ok' : r.error.code).toBe('not_found');
		}
	});

	it('syncs a shared document between two Yjs clients', async () => {
		const Tls = class extends WebSocket {
			constructor(url: string | URL, protocols?: string | string[]) {
				super(url, protocols, { headers: { cookie, origin: base }, ca });
			}
		};
		const clients = [0, 1].map(() => {
			const doc = new Y.Doc();
			const provider = new WebsocketProvider(`${base.replace('https', 'wss')}/yjs`, docName, doc, {
				WebSocketPolyfill: Tls as unknown as typeof globalThis.WebSocket,
				disableBc: true
			});
			return { doc, provider };
		});
		try {
			await waitFor(() => clients.every((c) => c.provider.synced), 10_000);
			clients[0]!.doc.getText('through-nginx').insert(0, '议厅 via nginx');
			await waitFor(
				() => clients[1]!.doc.getText('through-nginx').toString() === '议厅 via nginx',
				10_000
			);
		} finally {
			for (const c of clients) {
				c.provider.destroy();
				c.doc.destroy();
			}
		}
	});

	it('went through nginx: its access log has the upgrades', async () => {
		for (const s of sockets.splice(0)) s.disconnect();
		const log = () => fs.readFileSync(path.join(dir, 'access.log'), 'utf8');
		// A websocket is logged when it closes.
		await waitFor(() => /"GET \/yjs\/\S+ HTTP\/1\.1" 101 /.test(log()), 10_000);
		await waitFor(
			() => /"GET \/socket\.io\/\?EIO=4&transport=websocket[^" ]* HTTP\/1\.1" 101 /.test(log()),
			10_000
		);
		expect(log()).toMatch(/"POST \/api\/v1\/auth\/login HTTP\/1\.1" 200 /);
	});
});
