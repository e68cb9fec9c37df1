/**
 * The benchmark's child processes (servers and load generators under node + tsx, each with an
 * IPC channel): starting them pinned to a core, waiting for their messages, stopping them.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export function hasTaskset(): boolean {
	return ['/usr/bin/taskset', '/bin/taskset', '/usr/local/bin/taskset'].some((p) =>
		fs.existsSync(p)
	);
}

export interface Child {
	proc: ChildProcess;
	output: () => string;
}

/** What a child says while it works (printed by the parent as it goes). */
export interface Progress {
	type: 'progress';
	text: string;
}

/**
 * Start `bench/<script>` under node + tsx, pinned to `core` when possible, with an IPC channel.
 * `nodeFlags` go to node itself (e.g. `--cpu-prof`).
 */
export function start(
	script: string,
	core: number | null,
	env: Record<string, string> = {},
	nodeFlags: string[] = []
): Child {
	const node = [
		process.execPath,
		'--expose-gc',
		...nodeFlags,
		'--import',
		'tsx',
		path.join('bench', script)
	];
	const [cmd, ...args] = core === null ? node : ['taskset', '-c', String(core), ...node];
	const proc = spawn(cmd!, args, {
		cwd: process.cwd(),
		env: { ...process.env, LOG_LEVEL: 'silent', ...env },
		stdio: ['ignore', 'pipe', 'pipe', 'ipc']
	});
	let out = '';
	proc.stdout!.on('data', (d: Buffer) => (out += d.toString()));
	proc.stderr!.on('data', (d: Buffer) => (out += d.toString()));
	return { proc, output: () => out };
}

export function message<T>(
	c: Child,
	name: string,
	timeoutMs: number,
	onOther?: (m: Progress) => void
): Promise<T> {
	return new Promise((resolve, reject) => {
		const t = setTimeout(
			() => reject(new Error(`${name}: nothing within ${timeoutMs / 1000} s\n${c.output()}`)),
			timeoutMs
		);
		const onMessage = (m: { type: string; message?: string }) => {
			if (m.type === 'progress') return onOther?.(m as Progress);
			clearTimeout(t);
			c.proc.off('message', onMessage);
			if (m.type === 'error') reject(new Error(`${name}: ${m.message}`));
			else resolve(m as T);
		};
		c.proc.on('message', onMessage);
		// A message sent just before exiting may be read after the exit is seen: give it a moment.
		c.proc.once('exit', (code) =>
			setTimeout(() => {
				clearTimeout(t);
				reject(new Error(`${name} exited (${code})\n${c.output()}`));
			}, 500)
		);
	});
}

export async function stop(c: Child): Promise<void> {
	if (c.proc.exitCode !== null || c.proc.signalCode !== null) return;
	const exited = new Promise<void>((r) => c.proc.once('exit', () => r()));
	c.proc.on('error', () => {}); // a send racing the child's own exit (EPIPE)
	try {
		if (c.proc.connected) c.proc.send({ type: 'stop' });
	} catch {
		c.proc.kill('SIGTERM');
	}
	const t = setTimeout(() => c.proc.kill('SIGKILL'), 5000);
	await exited;
	clearTimeout(t);
}
