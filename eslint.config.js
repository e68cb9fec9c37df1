import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import { importX } from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import svelteConfig from './svelte.config.js';

/**
 * Server domains from the bottom up: each may import those before it, never one after it (a
 * change a lower domain must announce goes through platform/domain-events or the hub). New
 * domains take their place here: votes above the hall's inputs, tasks above votes.
 */
const SERVER_LAYERS = [
	'db',
	'docs',
	'crypto',
	'uploads',
	'platform',
	'auth',
	'notifications',
	'accounts',
	'org',
	'needs',
	'meetings',
	'minutes',
	'hall',
	'votes',
	'tasks',
	'projects',
	'supervision',
	'ratings',
	'insight'
];
/** What sits on top of the domains and may import any of them. */
const SERVER_TOP = ['api', 'http', 'seed'];

const layerZones = SERVER_LAYERS.map((layer, i) => ({
	target: `./src/lib/server/${layer}`,
	from: [...SERVER_LAYERS.slice(i + 1), ...SERVER_TOP].map((d) => `./src/lib/server/${d}`),
	message: `${layer} sits below these domains in src/lib/server: announce changes upward through platform/domain-events instead of importing`
}));

/**
 * Imports run one way: shared ← server domains ← routes / API / server (sockets, Yjs).
 * @type {import('eslint').Linter.Config}
 */
export const importRules = {
	plugins: { 'import-x': importX },
	settings: {
		// The TypeScript preset's extensions and parsers, so imported .ts files are read too.
		...importX.flatConfigs.typescript.settings,
		'import-x/resolver': undefined,
		'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
		'import-x/ignore': ['\\.svelte$', 'node_modules']
	},
	rules: {
		'import-x/no-cycle': ['error', { ignoreExternal: true }],
		'import-x/no-restricted-paths': [
			'error',
			{
				zones: [
					{
						target: './src/lib/shared',
						from: [
							'./src/lib/server',
							'./server',
							'./src/routes',
							'./src/lib/components',
							'./src/lib/realtime',
							'./src/lib/state'
						],
						message:
							'src/lib/shared is isomorphic and at the bottom: it imports nothing of the app above it'
					},
					{
						target: './src/lib',
						from: ['./server', './src/routes'],
						message: 'src/lib never imports the routes or the Node server'
					},
					...layerZones
				]
			}
		]
	}
};

/**
 * A unit test may build a whole demo committee (seed/test-db.ts) whatever layer it tests.
 * @type {import('eslint').Linter.Config}
 */
export const specImports = {
	files: ['**/*.spec.ts'],
	rules: { 'import-x/no-restricted-paths': 'off' }
};

export default ts.config(
	{
		ignores: [
			'tests/fixtures/',
			'build/',
			'build-*/',
			'.svelte-kit/',
			'node_modules/',
			'data/',
			'test-results/',
			'playwright-report/',
			'migrations/'
		]
	},
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } }
	},
	{
		files: ['**/*.ts', '**/*.svelte', '**/*.svelte.ts'],
		languageOptions: {
			parserOptions: {
				projectService: {
					allowDefaultProject: ['drizzle.config.ts', 'playwright.config.ts', 'vitest.config.ts']
				},
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		},
		rules: {
			'@typescript-eslint/no-floating-promises': 'error',
			'@typescript-eslint/no-misused-promises': [
				'error',
				{ checksVoidReturn: { attributes: false } }
			],
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }
			],
			'no-undef': 'off',
			// Yiting is served at the root (no paths.base), so plain hrefs are the resolved paths.
			'svelte/no-navigation-without-resolve': 'off'
		}
	},
	{ files: ['src/**/*.ts', 'server/**/*.ts', 'scripts/**/*.ts'], ...importRules },
	specImports,
	{
		files: ['**/*.js', '**/*.mjs'],
		...ts.configs.disableTypeChecked
	}
);
