import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: { runes: true },
	kit: {
		adapter: adapter({ out: process.env.BUILD_DIR || 'build' }),
		// Yiting checks the Origin of every cookie-authenticated unsafe request itself
		// (hooks.server.ts), for every content type and with its own problem+json answer, so
		// SvelteKit's narrower form-only check is switched off.
		csrf: { trustedOrigins: ['*'] },
		typescript: {
			config(c) {
				c.include.push(
					'../server/**/*.ts',
					'../tests/**/*.ts',
					'../bench/**/*.ts',
					'../scripts/**/*.ts'
				);
			}
		}
	}
};

export default config;
