/**
 * The production build the benchmarks serve: `build/`, built again (as `npm start` does) when it
 * is missing or older than any source it is made from, so a run never measures stale pages.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** What `vite build` reads: a change to any of them makes `build/` stale. */
const SOURCES = ['src', 'static', 'svelte.config.js', 'vite.config.ts', 'package.json'];

function newestMtime(p: string): number {
	const st = fs.statSync(p);
	if (!st.isDirectory()) return st.mtimeMs;
	let newest = st.mtimeMs;
	for (const entry of fs.readdirSync(p))
		newest = Math.max(newest, newestMtime(path.join(p, entry)));
	return newest;
}

export function isStale(buildDir: string): boolean {
	const handler = path.join(buildDir, 'handler.js');
	if (!fs.existsSync(handler)) return true;
	const sources = SOURCES.filter((p) => fs.existsSync(p));
	return Math.max(...sources.map(newestMtime)) > fs.statSync(handler).mtimeMs;
}

/** Build when stale; returns whether it built. BUILD_DIR picks another build (never rebuilt). */
export function freshBuild(): { buildDir: string; built: boolean } {
	if (process.env.BUILD_DIR) {
		const buildDir = path.resolve(process.env.BUILD_DIR);
		if (!fs.existsSync(path.join(buildDir, 'handler.js')))
			throw new Error(`BUILD_DIR=${buildDir} has no handler.js`);
		return { buildDir, built: false };
	}
	const buildDir = path.resolve('build');
	if (!isStale(buildDir)) return { buildDir, built: false };
	console.log('building the app (build/ is missing or older than the sources)…');
	const r = spawnSync(
		process.execPath,
		[path.join('node_modules', 'vite', 'bin', 'vite.js'), 'build'],
		{
			stdio: ['ignore', 'ignore', 'inherit']
		}
	);
	if (r.status !== 0) throw new Error(`vite build failed (exit ${r.status})`);
	return { buildDir, built: true };
}
