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
		// Only Yiting's own scripts run: SvelteKit puts a fresh nonce on the scripts it renders
		// into each page, so a script that ever got into a page some other way (a stored
		// injection, a bad sanitiser) is blocked by the browser. Styles may be inline: Svelte's
		// transitions, the editor and the server-rendered charts set style attributes.
		// Responses that are not pages (exports, files) get their own policy in hooks.server.ts.
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:', 'blob:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none']
			}
		},
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
