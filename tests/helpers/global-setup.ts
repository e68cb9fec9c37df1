/**
 * Once per integration run: start the built server on an empty data directory so it migrates
 * and seeds the demo committee, stop it, and keep that directory as the template every
 * `startServerProcess()` copies (tests/helpers/process.ts). Seeding is about half of a server's
 * start; twenty-odd test files start one or more servers each.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { assertBuilt, startServerProcess, TEMPLATE_ENV } from './process';

export async function setup(): Promise<() => void> {
	assertBuilt();
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yiting-template-'));
	const s = await startServerProcess({ dataDir: dir, template: false });
	const code = await s.stop('SIGTERM');
	if (code !== 0)
		throw new Error(`the template server did not stop cleanly (${code}):\n${s.output()}`);
	// Forked test workers inherit this process's environment.
	process.env[TEMPLATE_ENV] = dir;
	return () => fs.rmSync(dir, { recursive: true, force: true });
}
