#!/usr/bin/env node
/**
 * `npm start`: build the app when the build is missing or older than the sources, then run
 * Yiting's server (server/index.ts) in this same process, so a supervisor's signal reaches the
 * server itself and no child is left behind. npm forwards only SIGINT and SIGTERM and can itself
 * be killed outright, so the server also stops when the process that started it goes away.
 */
import { spawnSync } from 'node:child_process';
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

/**
 * When our parent (npm, a shell) dies — even by `kill -9` — we are re-parented; shut down
 * gracefully then instead of serving on as an orphan nobody supervises. Under a supervisor that
 * runs us directly (systemd: parent pid 1) this never fires.
 */
function stopWithParent() {
	const parent = process.ppid;
	if (parent <= 1) return;
	const timer = setInterval(() => {
		if (process.ppid === parent) return;
		clearInterval(timer);
		console.error('Yiting: the process that started the server is gone; shutting down');
		process.kill(process.pid, 'SIGTERM');
	}, 500);
	timer.unref();
}

// SIGHUP and SIGQUIT end the server gracefully too (a closed terminal, a supervisor's quit).
for (const sig of ['SIGHUP', 'SIGQUIT'])
	process.on(sig, () => process.kill(process.pid, 'SIGTERM'));
stopWithParent();
const { register } = await import('tsx/esm/api');
register();
await import('../server/index.ts');
