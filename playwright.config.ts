/**
 * End-to-end tests: the built app (`vite build` first; `npm run test:e2e` does both) served by
 * scripts/e2e-server.mjs on a fixed port with a fresh demo database, driven by Chromium.
 */
import fs from 'node:fs';
import { defineConfig } from '@playwright/test';

const port = Number(process.env.E2E_PORT || 4173);
const baseURL = `http://127.0.0.1:${port}`;

/** Debian's Chromium (Playwright cannot download browsers here); CHROMIUM_PATH overrides. */
function chromiumPath(): string | undefined {
	for (const candidate of [process.env.CHROMIUM_PATH, '/usr/bin/chromium']) {
		if (candidate && fs.existsSync(candidate)) return candidate;
	}
	return undefined; // Playwright's own browser, if one is installed
}

export default defineConfig({
	testDir: 'tests/e2e',
	testMatch: '**/*.e2e.ts',
	outputDir: 'test-results/artifacts',
	fullyParallel: false,
	forbidOnly: !!process.env.CI,
	retries: process.env.CI ? 1 : 0,
	workers: 2,
	timeout: 30_000,
	expect: { timeout: 7_500 },
	reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : 'list',
	use: {
		baseURL,
		browserName: 'chromium',
		// Phone size first (STYLE.md); screenshots.e2e.ts also takes desktop pictures.
		viewport: { width: 390, height: 844 },
		locale: 'zh-CN',
		timezoneId: 'Asia/Shanghai',
		colorScheme: 'light',
		trace: 'retain-on-failure',
		screenshot: 'only-on-failure',
		launchOptions: {
			executablePath: chromiumPath(),
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-quic',
				'--no-first-run',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync'
			]
		}
	},
	projects: [{ name: 'chromium' }],
	webServer: {
		command: 'node scripts/e2e-server.mjs',
		url: `${baseURL}/healthz`,
		env: { PORT: String(port), HOST: '127.0.0.1' },
		reuseExistingServer: false,
		timeout: 60_000,
		stdout: 'pipe',
		stderr: 'pipe',
		gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 }
	}
});
