import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';
import { yitingRealtime } from './server/vite-plugin.ts';

export default defineConfig({
	plugins: [sveltekit(), yitingRealtime()]
});
