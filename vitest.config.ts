import os from 'node:os';
import path from 'node:path';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vitest/config';

// Two projects, as the `sv` templates set them up. `unit`: specs beside the code, run against
// the sources and a temporary database, never the build. `integration`: a real server on port 0
// (some tests spawn the built app, so `npm run build` first). End-to-end tests run under
// Playwright (playwright.config.ts).
export default defineConfig({
	test: {
		projects: [
			{
				// Components render on the server side of Svelte (svelte/server) in component specs.
				plugins: [svelte()],
				resolve: { alias: { $lib: path.resolve('src/lib') } },
				test: {
					name: 'unit',
					include: ['src/**/*.spec.ts', 'server/**/*.spec.ts'],
					environment: 'node',
					// Nothing a spec runs may touch ./data: services that fall back to the process-wide
					// database or key file find an empty temporary directory instead.
					env: { DATA_DIR: path.join(os.tmpdir(), 'yiting-unit-data') },
					// Property tests and a migrated SQLite file per spec: generous on a busy machine.
					testTimeout: 30_000,
					hookTimeout: 60_000,
					pool: 'forks'
				}
			},
			{
				test: {
					name: 'integration',
					include: ['tests/integration/**/*.test.ts'],
					globalSetup: ['tests/helpers/global-setup.ts'],
					environment: 'node',
					testTimeout: 30_000,
					hookTimeout: 60_000,
					pool: 'forks'
				}
			}
		]
	}
});
