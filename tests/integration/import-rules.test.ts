/**
 * The lint rules that keep Yiting's imports one way catch what they are there for: a loop, a
 * lower domain importing a higher one, shared code importing the server. Uses the same rule
 * block as `npm run lint` (eslint.config.js `importRules`).
 */
import { ESLint } from 'eslint';
import ts from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { importRules, specImports } from '../../eslint.config.js';

const eslint = new ESLint({
	overrideConfigFile: true,
	overrideConfig: [
		{ files: ['**/*.ts'], languageOptions: { parser: ts.parser }, ...importRules },
		specImports
	],
	ignore: false
});

async function ruleIds(code: string, filePath: string): Promise<string[]> {
	const [result] = await eslint.lintText(code, { filePath });
	return result!.messages.map((m) => m.ruleId ?? m.message);
}

describe('import rules', () => {
	it('refuses an import loop', async () => {
		const results = await eslint.lintFiles(['tests/fixtures/import-cycle/a.ts']);
		expect(results[0]!.messages.map((m) => m.ruleId)).toContain('import-x/no-cycle');
	});

	it('refuses a lower domain importing a higher one, and lets a higher one import a lower', async () => {
		expect(
			await ruleIds(
				`import { openHall } from '../hall/open';\nexport const x = openHall;\n`,
				'src/lib/server/meetings/probe.ts'
			)
		).toContain('import-x/no-restricted-paths');
		expect(
			await ruleIds(
				`import { loadMeeting } from '../meetings/meetings';\nexport const x = loadMeeting;\n`,
				'src/lib/server/hall/probe.ts'
			)
		).toEqual([]);
	});

	it('refuses shared code importing the server, and src/lib importing the Node server', async () => {
		expect(
			await ruleIds(
				`import { getDb } from '../server/db';\nexport const x = getDb;\n`,
				'src/lib/shared/probe.ts'
			)
		).toContain('import-x/no-restricted-paths');
		expect(
			await ruleIds(
				`import { createAppServer } from '../../../server/app';\nexport const x = createAppServer;\n`,
				'src/lib/server/probe.ts'
			)
		).toContain('import-x/no-restricted-paths');
	});

	it('finds no loop in the code as it stands', async () => {
		const results = await eslint.lintFiles(['src/lib/**/*.ts', 'server/**/*.ts']);
		const problems = results.flatMap((r) =>
			r.messages
				.filter((m) => m.ruleId?.startsWith('import-x/'))
				.map((m) => `${r.filePath}:${m.line} ${m.message}`)
		);
		expect(problems).toEqual([]);
	});
});
