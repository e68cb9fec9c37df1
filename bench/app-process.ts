/**
 * Yiting's production process for the benchmarks: `server/index.ts` serving the production build
 * (BUILD_DIR) on its own DATA_DIR, started as `npm start` starts it, pinned to a core when it can
 * be, ready when `/healthz` answers 200.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { hasTaskset } from './children';

export interface AppProcess {
	url: string;
	/** From spawn to the first `/healthz` 200, ms (polled every `pollMs`). */
	readyMs: number;
	child: ChildProcess;
	output(): string;
	stop(): Promise<void>;
}

/** BENCH_PORT: the first port the benchmark's servers may use (else any free port). */
export async function freePort(): Promise<number> {
	const from = Number(process.env.BENCH_PORT || 0);
	for (let port = from; ; port++) {
		const ok = await new Promise<number | null>((resolve) => {
			const s = net.createServer();
			s.once('error', () => resolve(null));
			s.listen(port, '127.0.0.1', () => {
				const p = (s.address() as net.AddressInfo).port;
				s.close(() => resolve(p));
			});
		});
		if (ok) return ok;
		if (!from || port > from + 50) throw new Error(`no free port from ${from}`);
	}
}

export async function waitHealthy(
	url: string,
	child: ChildProcess,
	output: () => string,
	pollMs: number,
	timeoutMs: number
): Promise<void> {
	const deadline = performance.now() + timeoutMs;
	for (;;) {
		if (child.exitCode !== null || child.signalCode !== null)
			throw new Error(`the server exited before it was ready:\n${output().slice(-2000)}`);
		try {
			const r = await fetch(`${url}/healthz`);
			await r.arrayBuffer();
			if (r.ok) return;
		} catch {
			// not listening yet
		}
		if (performance.now() > deadline)
			throw new Error(`not ready within ${timeoutMs / 1000} s:\n${output().slice(-2000)}`);
		await new Promise((r) => setTimeout(r, pollMs));
	}
}

function stopper(child: ChildProcess): () => Promise<void> {
	return () =>
		new Promise((resolve) => {
			if (child.exitCode !== null || child.signalCode !== null) return resolve();
			const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
			child.once('exit', () => {
				clearTimeout(force);
				resolve();
			});
			child.kill('SIGTERM');
		});
}

/** Any command as a server on `port`: spawned (pinned to `core` when possible), then polled. */
export async function startProcess(
	argv: string[],
	opts: { port: number; env?: Record<string, string>; core?: number | null; pollMs?: number }
): Promise<AppProcess> {
	const pinned = opts.core !== undefined && opts.core !== null && hasTaskset();
	const [cmd, ...args] = pinned ? ['taskset', '-c', String(opts.core), ...argv] : argv;
	let out = '';
	const t0 = performance.now();
	const child = spawn(cmd!, args, {
		env: { ...process.env, PORT: String(opts.port), HOST: '127.0.0.1', ...opts.env },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
	child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
	const url = `http://127.0.0.1:${opts.port}`;
	const output = () => out;
	try {
		await waitHealthy(url, child, output, opts.pollMs ?? 20, 120_000);
	} catch (e) {
		child.kill('SIGKILL');
		throw e;
	}
	return { url, readyMs: performance.now() - t0, child, output, stop: stopper(child) };
}

/** `server/index.ts` on `buildDir` and `dataDir`, as in production (no demo seed unless empty). */
export async function startApp(opts: {
	buildDir: string;
	dataDir: string;
	core?: number | null;
	pollMs?: number;
	env?: Record<string, string>;
}): Promise<AppProcess> {
	return startProcess([process.execPath, '--import', 'tsx', 'server/index.ts'], {
		port: await freePort(),
		core: opts.core,
		pollMs: opts.pollMs,
		env: {
			BUILD_DIR: opts.buildDir,
			DATA_DIR: opts.dataDir,
			LOG_LEVEL: 'warn',
			...opts.env
		}
	});
}

/** Sign in through the API, as a browser's form would; returns the Cookie header value. */
export async function signIn(
	url: string,
	login: string,
	password = 'yiting-demo'
): Promise<string> {
	const r = await fetch(`${url}/api/v1/auth/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', origin: url },
		body: JSON.stringify({ login, password })
	});
	if (r.status !== 200) throw new Error(`sign-in as ${login}: ${r.status} ${await r.text()}`);
	return (r.headers.get('set-cookie') ?? '').split(';')[0]!;
}
