import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import { yitingRealtime } from './server/vite-plugin';

export default defineConfig({
	plugins: [sveltekit(), yitingRealtime()],
	test: {
		include: ['src/**/*.spec.ts', 'tests/integration/**/*.test.ts'],
		environment: 'node',
		testTimeout: 30_000,
		hookTimeout: 60_000,
		pool: 'forks'
	}
});
