/**
 * The secretary sets up a new member unit and its liaison; the liaison signs in and keeps the
 * unit's duty list, which the secretary watches change live.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import {
	apiAs,
	createPersonWithRole,
	navigation,
	navLabels,
	openPerson,
	signIn,
	syncedDutyList,
	unitIdFrom
} from './helpers';

const unique = () => Date.now().toString(36) + Math.floor(Math.random() * 1e4).toString(36);

/** As the new liaison: open "my unit", add a line to the duty list, and see it kept. */
async function liaisonEditsOwnUnit(page: Page, unitId: string, adminDuties: Locator) {
	await expect(page.locator('main .badge.role', { hasText: '联络员' })).toHaveCount(1);
	expect(await navLabels(page)).toEqual(expect.arrayContaining(['我的单位', '成员单位']));
	await navigation(page).getByRole('link', { name: '我的单位' }).click();
	await expect(page).toHaveURL(new RegExp(`/units/${unitId}$`));
	await expect(page.getByText('可多人同时编辑，修改会实时保存。')).toBeVisible();

	const duties = await syncedDutyList(page);
	await expect(duties).not.toHaveAttribute('readonly');
	await duties.click();
	await duties.press('Control+End');
	await duties.pressSequentially('\n2. 助浴上门服务');
	await expect(duties).toHaveValue('1. 长者助餐\n2. 助浴上门服务');

	// The secretary sees it arrive live, and it is saved: a reload shows it.
	await expect(adminDuties).toHaveValue('1. 长者助餐\n2. 助浴上门服务');
	await page.reload();
	await expect(await syncedDutyList(page)).toHaveValue('1. 长者助餐\n2. 助浴上门服务');

	// The liaison of one unit cannot edit another.
	await page.goto('/units');
	await page.getByRole('link', { name: /^区城市管理局/ }).click();
	await expect(await syncedDutyList(page)).toHaveAttribute('readonly', '');
}

test('the admin creates a unit and a person in the admin pages, makes them its liaison, and the liaison edits the duty list', async ({
	browser
}) => {
	const suffix = unique();
	const unitName = `社区食堂${suffix}`;
	const login = `liaison_${suffix}`;
	const displayName = `食堂联络员${suffix}`;
	const password = 'canteen-2026';

	const admin = await openPerson(browser);
	await signIn(admin.page, 'admin');

	// 1. Create the unit.
	await admin.page.goto('/admin/units');
	await admin.page.getByLabel('单位名称').fill(unitName);
	await admin.page.getByLabel('单位类型').selectOption({ label: '社会组织' });
	await admin.page.getByLabel('联系人', { exact: true }).fill('刘师傅');
	await admin.page.getByLabel('联系电话').fill('010-62345678');
	await admin.page.getByLabel('履职清单').fill('1. 长者助餐');
	await admin.page.getByRole('button', { name: '添加成员单位' }).click();
	await expect(admin.page.getByRole('main').getByRole('status')).toHaveText('已保存');
	await expect(admin.page.getByRole('link', { name: unitName, exact: true })).toBeVisible();
	await expect(admin.page.getByLabel('单位名称')).toHaveValue('');

	// 2. Create the person.
	await admin.page.goto('/admin/people');
	// The account comes with its first role: the unit's representative.
	const addPerson = admin.page.locator('form[action="?/person"]');
	await addPerson.getByLabel('姓名', { exact: true }).fill(displayName);
	await addPerson.getByLabel('账号', { exact: true }).fill(login);
	await addPerson.getByLabel('初始密码').fill(password);
	await addPerson.getByLabel('角色', { exact: true }).selectOption({ label: '成员单位代表' });
	await addPerson.getByLabel('所属单位').selectOption({ label: unitName });
	await admin.page.getByRole('button', { name: '添加人员' }).click();
	await expect(admin.page.getByRole('main').getByRole('status')).toHaveText('已保存');
	await expect(admin.page.getByTestId(`person-${login}`)).toContainText('成员单位代表');

	// 3. Make them the unit's liaison too: they must be offered in the grant form.
	const grant = admin.page.locator('form[action="?/grant"]');
	const personOption = `${displayName} (${login})`;
	await expect(
		grant.getByLabel('人员', { exact: true }).locator('option', { hasText: personOption })
	).toHaveCount(1);
	await grant.getByLabel('人员', { exact: true }).selectOption({ label: personOption });
	await grant.getByLabel('角色', { exact: true }).selectOption({ label: '联络员' });
	await grant.getByLabel('所属单位').selectOption({ label: unitName });
	await admin.page.getByRole('button', { name: '授予角色' }).click();
	await expect(admin.page.getByTestId(`person-${login}`)).toContainText(displayName);
	await expect(admin.page.getByTestId(`person-${login}`)).toContainText('联络员');
	await expect(admin.page.getByTestId(`person-${login}`)).toContainText(unitName);

	// The secretary opens the unit and waits for the duty list.
	await admin.page.goto('/admin/units');
	await admin.page.getByRole('link', { name: unitName, exact: true }).click();
	await expect(admin.page.getByRole('heading', { level: 1 })).toHaveText(unitName);
	await expect(admin.page.locator('dl')).toContainText(displayName);
	const adminDuties = await syncedDutyList(admin.page);
	await expect(adminDuties).toHaveValue('1. 长者助餐');

	// 4. The new liaison signs in, in their own browser, and edits.
	const liaison = await openPerson(browser);
	await signIn(liaison.page, login, password);
	await liaisonEditsOwnUnit(liaison.page, unitIdFrom(admin.page.url()), adminDuties);

	await Promise.all([liaison.context.close(), admin.context.close()]);
});

test('a liaison appointed to a new unit edits its duty list while the admin watches', async ({
	browser,
	baseURL
}) => {
	// Set up through the API (the admin-page route to the same state is the test above).
	const suffix = unique();
	const api = await apiAs(baseURL!, 'admin');
	const created = await api.post('/api/v1/units', {
		data: { name: `长者食堂${suffix}`, type: 'social_org', dutyList: '1. 长者助餐' }
	});
	expect(created.status()).toBe(201);
	const unit = (await created.json()) as { id: string; name: string };
	const login = `liaison_${suffix}`;
	await createPersonWithRole(
		api,
		{ login, displayName: `食堂联络员${suffix}`, password: 'canteen-2026' },
		{ role: 'liaison', unitId: unit.id }
	);
	await api.dispose();

	const admin = await openPerson(browser);
	await signIn(admin.page, 'admin');
	await admin.page.goto(`/units/${unit.id}`);
	await expect(admin.page.getByRole('heading', { level: 1 })).toHaveText(unit.name);
	const adminDuties = await syncedDutyList(admin.page);

	const liaison = await openPerson(browser);
	await signIn(liaison.page, login, 'canteen-2026');
	await liaisonEditsOwnUnit(liaison.page, unit.id, adminDuties);

	await Promise.all([liaison.context.close(), admin.context.close()]);
});
