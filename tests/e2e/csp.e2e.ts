/**
 * The Content-Security-Policy holds in a real browser: a script that got into a page's HTML by
 * any means (here: added to the server's answer on its way to the browser, headers untouched)
 * does not run, the browser reports the violation, and the page's own scripts still take over.
 */
import { expect, test } from '@playwright/test';
import { hydrated, signedInPerson } from './helpers';

test('an injected inline script is blocked, the page still works', async ({ browser, baseURL }) => {
	const { context, page } = await signedInPerson(browser, baseURL!, 'resident1');
	await page.route('**/needs', async (route) => {
		const response = await route.fetch();
		const html = (await response.text()).replace(
			'</body>',
			'<script>window.__injected = true;</script><img src="x" onerror="window.__injected = true"></body>'
		);
		await route.fulfill({ response, body: html });
	});
	const violations: string[] = [];
	page.on('console', (m) => {
		if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
	});
	await page.addInitScript(() => {
		document.addEventListener('securitypolicyviolation', (e) => {
			(window as unknown as { __blocked: string[] }).__blocked ??= [];
			(window as unknown as { __blocked: string[] }).__blocked.push(e.violatedDirective);
		});
	});
	await page.goto('/needs');
	await hydrated(page);
	expect(
		await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected)
	).toBe(undefined);
	await expect
		.poll(() => page.evaluate(() => (window as unknown as { __blocked?: string[] }).__blocked))
		.toEqual(expect.arrayContaining([expect.stringMatching(/^script-src/)]));
	expect(violations.length).toBeGreaterThan(0);
	await context.close();
});
