/**
 * The server the end-to-end tests run against: the built app (`vite build` first) through the
 * real production entry, with a fresh demo database in a temporary directory that is removed
 * again when Playwright stops the server.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

if (!fs.existsSync(path.resolve(process.env.BUILD_DIR || 'build', 'handler.js'))) {
	console.error('build/handler.js is missing: run `npx vite build` before `npx playwright test`');
	process.exit(1);
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yiting-e2e-'));
const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
	env: {
		...process.env,
		DATA_DIR: dataDir,
		SEED_DEMO: '1',
		PORT: process.env.PORT || '4173',
		HOST: process.env.HOST || '127.0.0.1',
		LOG_LEVEL: process.env.LOG_LEVEL || 'warn'
	},
	stdio: 'inherit'
});

function cleanUp() {
	fs.rmSync(dataDir, { recursive: true, force: true });
}

child.on('exit', (code, signal) => {
	cleanUp();
	process.exit(code ?? (signal ? 1 : 0));
});

for (const signal of /** @type {const} */ (['SIGTERM', 'SIGINT'])) {
	process.on(signal, () => {
		if (child.exitCode === null) child.kill(signal);
	});
}
