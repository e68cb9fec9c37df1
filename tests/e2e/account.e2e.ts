/**
 * A person's own account: changing the password signs out their other devices, the list of
 * signed-in devices lets them end one, and a reset link from the secretary works on a phone
 * without scripts. People of their own, so no other test's sign-in changes.
 */
import { expect, test } from '@playwright/test';
import {
	apiAs,
	createPersonWithRole,
	DEMO_PASSWORD,
	DESKTOP,
	navigation,
	openPerson,
	seriousA11yFindings,
	signIn,
	signedInPerson,
	withoutScripts
} from './helpers';

const stamp = Date.now().toString(36);
const changer = { login: `acct_pw_${stamp}`, displayName: '改密码的记录员' };
const forgetful = { login: `acct_reset_${stamp}`, displayName: '忘记密码的记录员' };

test.beforeAll(async ({ baseURL }) => {
	const api = await apiAs(baseURL!, 'admin');
	for (const p of [changer, forgetful])
		await createPersonWithRole(api, { ...p, password: DEMO_PASSWORD }, { role: 'recorder' });
	await api.dispose();
});

test('changing the password signs out the other device; the list shows and ends sessions', async ({
	browser
}, testInfo) => {
	// Two devices, two axe scans and a dozen page loads: longer than one ordinary test.
	test.setTimeout(120_000);
	const phone = await openPerson(browser);
	const laptop = await openPerson(browser, DESKTOP);
	await signIn(phone.page, changer.login);
	await signIn(laptop.page, changer.login);

	await phone.page.goto('/settings');
	await phone.page.getByRole('link', { name: '登录设备' }).click();
	const sessions = phone.page.getByTestId('session');
	await expect(sessions).toHaveCount(2);
	await expect(sessions.first()).toHaveAttribute('data-current', 'true');
	await expect(sessions.first()).toContainText('这台设备');
	expect(await seriousA11yFindings(phone.page, testInfo, 'sessions')).toEqual([]);

	await phone.page.goto('/settings/password');
	const form = phone.page.locator('main form');
	await form.getByLabel('当前密码').fill('not-my-password');
	await form.getByLabel('新密码', { exact: true }).fill('a-better-password');
	await form.getByLabel('再输一次新密码').fill('a-better-password');
	await form.getByRole('button', { name: '修改密码' }).click();
	await expect(form.getByText('当前密码不正确')).toBeVisible();
	expect(await seriousA11yFindings(phone.page, testInfo, 'password')).toEqual([]);

	await form.getByLabel('当前密码').fill(DEMO_PASSWORD);
	await form.getByLabel('新密码', { exact: true }).fill('a-better-password');
	await form.getByLabel('再输一次新密码').fill('a-better-password');
	await form.getByRole('button', { name: '修改密码' }).click();
	await expect(phone.page.locator('main').getByRole('status')).toContainText(
		'已退出其他设备上的 1 处登录'
	);

	// The laptop is signed out; the phone is not.
	await laptop.page.goto('/');
	await expect(navigation(laptop.page)).toHaveCount(0);
	await phone.page.goto('/settings/sessions');
	await expect(sessions).toHaveCount(1);
	await expect(phone.page.getByText('没有其他设备登录着您的账号。')).toBeVisible();

	// Signed in again with the new password, the laptop can be ended from the phone.
	await signIn(laptop.page, changer.login, 'a-better-password');
	await phone.page.reload();
	await expect(sessions).toHaveCount(2);
	await sessions.nth(1).getByRole('button').click();
	await expect(phone.page.locator('main').getByRole('status')).toContainText('已结束 1 处登录');
	await expect(sessions).toHaveCount(1);
	await laptop.page.reload();
	await expect(navigation(laptop.page)).toHaveCount(0);

	await phone.context.close();
	await laptop.context.close();
});

test('the secretary makes a reset link; the person sets a new password with it, without scripts', async ({
	browser,
	baseURL
}, testInfo) => {
	test.setTimeout(90_000);
	const secretary = await signedInPerson(browser, baseURL!, 'admin', DESKTOP);
	await secretary.page.goto('/admin/people');
	await secretary.page
		.getByTestId(`person-${forgetful.login}`)
		.getByRole('button', { name: `重设密码：${forgetful.displayName}` })
		.click();
	const link = (await secretary.page.getByTestId('reset-link').locator('code').textContent())!;
	expect(link).toMatch(/\/reset\/[a-z2-7]{32}$/);
	await secretary.context.close();

	// Looking at the link does not spend it (axe needs scripts, so it looks from a second phone).
	const look = await openPerson(browser);
	await look.page.goto(link);
	await expect(look.page.getByText(forgetful.login)).toBeVisible();
	expect(await seriousA11yFindings(look.page, testInfo, 'reset')).toEqual([]);
	await look.context.close();

	const person = await withoutScripts(browser, baseURL!);
	await person.page.goto(link);
	await expect(person.page.getByText(forgetful.login)).toBeVisible();
	await person.page.getByLabel('新密码', { exact: true }).fill('my-own-new-pass');
	await person.page.getByLabel('再输一次新密码').fill('my-own-new-pass');
	await person.page.getByRole('button', { name: '设置新密码' }).click();
	await expect(person.page.locator('main').getByRole('status')).toHaveText(
		'新密码已设置，请用新密码登录。'
	);

	// The link works once.
	await person.page.goto(link);
	await expect(person.page.getByRole('heading', { name: '链接已失效' })).toBeVisible();
	await person.context.close();

	const again = await openPerson(browser);
	await signIn(again.page, forgetful.login, 'my-own-new-pass');
	await again.context.close();
});
