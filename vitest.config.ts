import { defineConfig } from 'vitest/config';

// Unit tests (beside the code) and integration tests (a real server on port 0). End-to-end
// tests run under Playwright (playwright.config.ts).
export default defineConfig({
	test: {
		include: ['src/**/*.spec.ts', 'server/**/*.spec.ts', 'tests/integration/**/*.test.ts'],
		environment: 'node',
		testTimeout: 30_000,
		hookTimeout: 60_000,
		pool: 'forks'
	}
});
