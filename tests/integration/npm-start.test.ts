/**
 * `npm start` under a supervisor: whatever signal reaches npm or the server, the server ends
 * and nothing is left listening. Runs the real `npm start` on the built tree.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, freePort } from '../helpers/process';

interface Started {
	npm: ChildProcess;
	port: number;
	/** Every process npm started (the shell, if any, and the server). */
	descendants: number[];
	output(): string;
}

const started: Started[] = [];

async function until(pred: () => Promise<boolean>, timeoutMs: number): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!(await pred())) {
		if (Date.now() > deadline) throw new Error('timed out waiting for a condition');
		await new Promise((r) => setTimeout(r, 100));
	}
}

/** The children of every process, from /proc (Linux). */
function childrenOf(pid: number): number[] {
	const kids: number[] = [];
	for (const entry of fs.readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		let stat: string;
		try {
			stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
		} catch {
			continue; // it ended meanwhile
		}
		const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
		if (ppid === pid) kids.push(Number(entry));
	}
	return kids;
}

function descendantsOf(pid: number): number[] {
	const kids = childrenOf(pid);
	return kids.flatMap((k) => [k, ...descendantsOf(k)]);
}

function alive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
		return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
	} catch {
		return false;
	}
}

function listening(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const s = net.connect(port, '127.0.0.1');
		s.once('connect', () => (s.destroy(), resolve(true)));
		s.once('error', () => resolve(false));
	});
}

async function npmStart(): Promise<Started> {
	const port = await freePort();
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yiting-start-'));
	let out = '';
	const npm = spawn('npm', ['start'], {
		env: {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			DATA_DIR: dataDir,
			SEED_DEMO: '0'
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	npm.stdout!.on('data', (d: Buffer) => (out += d.toString()));
	npm.stderr!.on('data', (d: Buffer) => (out += d.toString()));
	const s: Started = { npm, port, descendants: [], output: () => out };
	started.push(s);
	await until(async () => {
		if (npm.exitCode !== null) throw new Error(`npm start exited early:\n${out}`);
		return (await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => null))?.ok === true;
	}, 120_000);
	s.descendants = descendantsOf(npm.pid!);
	return s;
}

/** The server ended on its own terms (logged its graceful stop) and nothing holds the port. */
async function expectGone(s: Started, graceful: boolean) {
	await until(async () => Promise.resolve(s.descendants.every((p) => !alive(p))), 15_000).catch(
		() => {
			throw new Error(`processes left: ${s.descendants.filter(alive).join(', ')}\n${s.output()}`);
		}
	);
	expect(await listening(s.port)).toBe(false);
	if (graceful) expect(s.output()).toMatch(/"msg":"stopped"/);
}

describe('npm start', () => {
	// Started together: each start costs seconds (tens on a loaded machine), and one per signal keeps the cases apart.
	let kill9: Started, term: Started, quit: Started;
	beforeAll(async () => {
		// npm start builds first when the build is older than the sources: that would not fit here.
		assertBuilt();
		[kill9, term, quit] = await Promise.all([npmStart(), npmStart(), npmStart()]);
	}, 150_000);
	afterAll(() => {
		for (const s of started.splice(0))
			for (const pid of [...descendantsOf(s.npm.pid!), ...s.descendants, s.npm.pid!])
				if (alive(pid)) process.kill(pid, 'SIGKILL');
	});

	it('kill -9 (or SIGHUP, which it does not forward) of npm leaves no orphan: the server stops', async () => {
		expect(kill9.descendants.length).toBeGreaterThan(0);
		kill9.npm.kill('SIGKILL');
		await expectGone(kill9, true);
	}, 30_000);

	it('SIGTERM to npm stops the server cleanly', async () => {
		const exited = new Promise((r) => term.npm.once('exit', r));
		term.npm.kill('SIGTERM');
		await exited;
		await expectGone(term, true);
	}, 30_000);

	it('SIGQUIT to the server ends it gracefully', async () => {
		// Straight to the server, as a supervisor signalling the whole group would.
		for (const pid of quit.descendants) process.kill(pid, 'SIGQUIT');
		await expectGone(quit, true);
	}, 30_000);
});
