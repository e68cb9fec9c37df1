/**
 * Run the real Yiting process (`node --import tsx server/index.ts`, the built SvelteKit app)
 * as a child on a free port with its own data directory. For restarts, `kill -9`, and tests
 * through SvelteKit's hooks. Needs `npm run build` first (or BUILD_DIR pointing at a build).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export interface ServerProcess {
	url: string;
	port: number;
	dataDir: string;
	child: ChildProcess;
	output(): string;
	/** Stop with a signal and wait for the exit. */
	stop(signal?: NodeJS.Signals): Promise<number | null>;
}

function listenOn(port: number): Promise<number> {
	return new Promise((resolve, reject) => {
		const s = net.createServer();
		s.listen(port, '127.0.0.1', () => {
			const { port } = s.address() as net.AddressInfo;
			s.close(() => resolve(port));
		});
		s.on('error', reject);
	});
}

/**
 * A port nobody listens on. TEST_PORTS=4500-4549 keeps the servers a run starts inside that
 * range (several people testing on one machine); otherwise the system picks one.
 */
export async function freePort(): Promise<number> {
	const range = /^(\d+)-(\d+)$/.exec(process.env.TEST_PORTS ?? '');
	if (!range) return listenOn(0);
	const [lo, hi] = [Number(range[1]), Number(range[2])];
	// Start somewhere random in the range: test files run in parallel and probe at once.
	const start = Math.floor(Math.random() * (hi - lo + 1));
	for (let i = 0; i <= hi - lo; i++) {
		try {
			return await listenOn(lo + ((start + i) % (hi - lo + 1)));
		} catch {
			// taken: try the next
		}
	}
	throw new Error(`no free port in TEST_PORTS=${process.env.TEST_PORTS}`);
}

export function assertBuilt(): void {
	const dir = process.env.BUILD_DIR || 'build';
	if (!fs.existsSync(path.resolve(dir, 'handler.js'))) {
		throw new Error(
			`${dir}/handler.js is missing: run \`npm run build\` before the integration tests`
		);
	}
}

/** Where tests/helpers/global-setup.ts left a migrated, demo-seeded data directory. */
export const TEMPLATE_ENV = 'YITING_TEST_TEMPLATE_DIR';

/**
 * A fresh data directory: a copy of the seeded template when there is one and the test wants
 * the demo (the same database and key file a first start would make, minutes older), else empty.
 */
function freshDataDir(seed: boolean): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yiting-proc-'));
	const template = process.env[TEMPLATE_ENV];
	if (seed && template && fs.existsSync(template))
		fs.cpSync(template, dir, { recursive: true, preserveTimestamps: true });
	return dir;
}

export async function startServerProcess(
	/** `port`: the same one again after a crash, so that clients reconnecting find the server. */
	opts: { dataDir?: string; env?: Record<string, string>; template?: boolean; port?: number } = {}
): Promise<ServerProcess> {
	assertBuilt();
	const dataDir =
		opts.dataDir ?? freshDataDir(opts.template !== false && opts.env?.SEED_DEMO !== '0');
	const port = opts.port ?? (await freePort());
	let out = '';
	const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
		env: {
			...process.env,
			DATA_DIR: dataDir,
			PORT: String(port),
			HOST: '127.0.0.1',
			LOG_LEVEL: 'info',
			...opts.env
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
	child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
	const url = `http://127.0.0.1:${port}`;
	// Generous by default: on a loaded 2-core machine a start has taken 20 s. TEST_START_MS: more.
	const startMs = Number(process.env.TEST_START_MS ?? 60_000);
	const deadline = Date.now() + startMs;
	for (;;) {
		if (child.exitCode !== null) throw new Error(`server exited early:\n${out}`);
		try {
			const r = await fetch(`${url}/healthz`);
			if (r.ok) break;
		} catch {
			// not listening yet
		}
		if (Date.now() > deadline) {
			child.kill('SIGKILL');
			throw new Error(`server did not start within ${startMs / 1000} s:\n${out}`);
		}
		await new Promise((r) => setTimeout(r, 100));
	}
	return {
		url,
		port,
		dataDir,
		child,
		output: () => out,
		stop(signal = 'SIGTERM') {
			return new Promise((resolve) => {
				if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode);
				child.once('exit', (code) => resolve(code));
				child.kill(signal);
			});
		}
	};
}

/** Sign in through the API; returns the Cookie header value. */
export async function signInCookie(
	url: string,
	login: string,
	password = 'yiting-demo'
): Promise<string> {
	const r = await fetch(`${url}/api/v1/auth/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', origin: url },
		body: JSON.stringify({ login, password })
	});
	if (r.status !== 200)
		throw new Error(`sign-in as ${login} failed: ${r.status} ${await r.text()}`);
	const setCookie = r.headers.get('set-cookie') ?? '';
	return setCookie.split(';')[0]!;
}
