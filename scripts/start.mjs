#!/usr/bin/env node
/**
 * `npm start`: build the app when the build is missing or older than the sources, then run
 * Yiting's server (server/index.ts) in the foreground. Signals pass through, so Ctrl-C and
 * SIGTERM shut it down gracefully.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
process.chdir(root);

/** The build log without SvelteKit's hint to run `npm run preview`, which would serve no realtime. */
function withoutPreviewHint(log) {
	return log
		.split('\n')
		.filter((line) => !/npm run preview|to preview your production build/i.test(line))
		.join('\n');
}

function newestMtime(p) {
	const st = fs.statSync(p);
	if (!st.isDirectory()) return st.mtimeMs;
	let newest = st.mtimeMs;
	for (const entry of fs.readdirSync(p))
		newest = Math.max(newest, newestMtime(path.join(p, entry)));
	return newest;
}

const handler = path.join(root, 'build', 'handler.js');
const sources = ['src', 'static', 'svelte.config.js', 'vite.config.ts', 'package.json'].filter(
	(p) => fs.existsSync(p)
);
const stale =
	!fs.existsSync(handler) || Math.max(...sources.map(newestMtime)) > fs.statSync(handler).mtimeMs;
if (stale) {
	console.log('Building Yiting (first start, or the sources changed)…');
	const r = spawnSync(
		process.execPath,
		[path.join('node_modules', 'vite', 'bin', 'vite.js'), 'build'],
		{
			stdio: ['inherit', 'pipe', 'inherit'],
			encoding: 'utf8',
			maxBuffer: 64 * 1024 * 1024
		}
	);
	// SvelteKit ends its build log with "Run npm run preview…"; here the build is served by
	// Yiting's own server (socket.io and Yjs on the same port), which starts right below.
	process.stdout.write(withoutPreviewHint(r.stdout ?? ''));
	if (r.status !== 0) process.exit(r.status ?? 1);
}
const port = process.env.PORT || '3000';
console.log(`Starting Yiting (server/index.ts) on http://localhost:${port} …`);

const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], { stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
