/**
 * Two people type into the same duty list at the same time, each in their own browser; both
 * end up with the same text and nobody's typing is lost.
 */
import { expect, test, type Locator } from '@playwright/test';
import { openPerson, openUnit, signIn, syncedDutyList } from './helpers';

const UNIT = '区城市管理局'; // liaison1's unit

async function typeAt(duties: Locator, where: 'start' | 'end', text: string): Promise<void> {
	await duties.click();
	await duties.press(where === 'start' ? 'Control+Home' : 'Control+End');
	await duties.pressSequentially(text, { delay: 15 });
}

test('admin and liaison1 editing the same duty list at once converge to the same text', async ({
	browser
}) => {
	const admin = await openPerson(browser);
	const liaison = await openPerson(browser);
	await Promise.all([signIn(admin.page, 'admin'), signIn(liaison.page, 'liaison1')]);
	await Promise.all([openUnit(admin.page, UNIT), openUnit(liaison.page, UNIT)]);
	const [a, b] = await Promise.all([syncedDutyList(admin.page), syncedDutyList(liaison.page)]);

	// Each sees the other here.
	await expect(admin.page.locator('.collab .who')).toContainText(['区城市管理局联络员']);
	await expect(liaison.page.locator('.collab .who')).toContainText(['王秘书']);

	const original = await a.inputValue();
	await expect(b).toHaveValue(original);

	// Different places at the same time: the result is exactly both edits.
	await Promise.all([typeAt(a, 'end', '\n4. 夜市噪音巡查'), typeAt(b, 'start', '0. 本周重点：')]);
	const expected = `0. 本周重点：${original}\n4. 夜市噪音巡查`;
	await expect(a).toHaveValue(expected);
	await expect(b).toHaveValue(expected);

	// The same place at the same time: the order may interleave, but both converge and keep every character.
	const fromAdmin = '甲乙丙丁戊';
	const fromLiaison = 'ABCDE';
	await Promise.all([typeAt(a, 'end', fromAdmin), typeAt(b, 'end', fromLiaison)]);
	await expect
		.poll(async () => {
			const [va, vb] = await Promise.all([a.inputValue(), b.inputValue()]);
			return va === vb ? va.length : -1;
		})
		.toBe(expected.length + fromAdmin.length + fromLiaison.length);
	const merged = await a.inputValue();
	expect(merged.startsWith(expected)).toBe(true);
	const tail = merged.slice(expected.length);
	expect([...tail].filter((c) => fromAdmin.includes(c)).join('')).toBe(fromAdmin);
	expect([...tail].filter((c) => fromLiaison.includes(c)).join('')).toBe(fromLiaison);

	// What converged is what the server kept.
	await liaison.page.reload();
	await expect(await syncedDutyList(liaison.page)).toHaveValue(merged);

	await Promise.all([admin.context.close(), liaison.context.close()]);
});
