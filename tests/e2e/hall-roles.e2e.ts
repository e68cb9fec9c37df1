/**
 * Who is offered what in the hall and the minutes, as each person sees it: residents ask and
 * upvote (and take an upvote back) but are offered no hand or point of order unless the meeting
 * lets them speak; the supervisor follows and acts on nothing; residents read approved minutes
 * but not the drafts behind them; refusals say why where the person may know of the meeting;
 * who counts towards quorum is said on the page; a need put on an agenda shows live.
 */
import { expect, test } from '@playwright/test';
import { apiAs, DESKTOP, hydrated, liveMeeting, signedInPerson } from './helpers';

test('a resident asks and takes an upvote back but is offered no hand or point of order; the supervisor only follows', async ({
	browser,
	baseURL
}) => {
	test.setTimeout(60_000);
	const admin = await apiAs(baseURL!, 'admin');
	const id = await liveMeeting(admin, baseURL!, `E2E 角色 ${Date.now()}`);
	await admin.dispose();
	// At desktop width every part of the hall shows at once (a phone shows one tab at a time).
	const resident = await signedInPerson(browser, baseURL!, 'resident3', DESKTOP);
	const supervisor = await signedInPerson(browser, baseURL!, 'supervisor', DESKTOP);
	const member = await signedInPerson(browser, baseURL!, 'member1', DESKTOP);
	for (const p of [resident, supervisor, member]) {
		await p.page.goto(`/meetings/${id}/hall`);
		await expect(p.page.getByTestId('hall-agenda')).toBeVisible();
	}
	await expect(resident.page.getByTestId('quorum-who')).toHaveText(
		'签到成员：主持人与成员单位代表'
	);

	await expect(member.page.getByTestId('raise-hand')).toBeVisible();
	await expect(member.page.getByTestId('point-of-order')).toBeVisible();
	await expect(resident.page.getByTestId('raise-hand')).toHaveCount(0);
	await expect(resident.page.getByTestId('point-of-order')).toHaveCount(0);
	await expect(resident.page.getByRole('button', { name: '提交问题' })).toBeVisible();
	// The supervisor observes: no check-in, hand, question, reaction or comment.
	for (const name of ['签到', '举手发言', '程序动议', '提交问题', '发表'])
		await expect(supervisor.page.getByRole('button', { name, exact: true })).toHaveCount(0);

	// The member asks; the resident upvotes, then takes it back.
	await hydrated(member.page);
	await member.page.getByLabel('你的问题').fill('路灯什么时候修？');
	await member.page.getByRole('button', { name: '提交问题' }).click();
	const question = resident.page.getByTestId('question').filter({ hasText: '路灯什么时候修？' });
	await hydrated(resident.page);
	await question.getByTestId('upvote').click();
	await expect(question.getByTestId('upvote')).toHaveAttribute('aria-pressed', 'true');
	await expect(
		member.page
			.getByTestId('question')
			.filter({ hasText: '路灯什么时候修？' })
			.getByTestId('upvotes')
	).toHaveText('1 人赞同');
	await question.getByTestId('upvote').click();
	await expect(question.getByTestId('upvote')).toHaveAttribute('aria-pressed', 'false');
	await expect(
		member.page
			.getByTestId('question')
			.filter({ hasText: '路灯什么时候修？' })
			.getByTestId('upvotes')
	).toHaveText('0 人赞同');
	for (const p of [resident, supervisor, member]) await p.context.close();
});

test('refusals say why where the meeting is known, and residents read approved minutes without the drafts', async ({
	browser,
	baseURL
}) => {
	test.setTimeout(90_000);
	const admin = await apiAs(baseURL!, 'admin');
	const id = await liveMeeting(admin, baseURL!, `E2E 纪要 ${Date.now()}`);
	const joint = (
		(await (await admin.get('/api/v1/meetings')).json()) as {
			items: { id: string; visibility: string }[];
		}
	).items.find((m) => m.visibility === 'members')!;
	await admin.dispose();

	// Another community's resident knows of the public meeting: told why. A members-only meeting stays unknown.
	const other = await signedInPerson(browser, baseURL!, 'resident1');
	const hall = await other.page.goto(`/meetings/${id}/hall`);
	expect(hall?.status()).toBe(403);
	await expect(other.page.getByTestId('error-page')).toContainText('本次会议未邀请你所在社区');
	const hidden = await other.page.goto(`/meetings/${joint.id}/hall`);
	expect(hidden?.status()).toBe(404);

	// A resident of the community: the minutes are not published yet.
	const resident = await signedInPerson(browser, baseURL!, 'resident3');
	const early = await resident.page.goto(`/meetings/${id}/minutes`);
	expect(early?.status()).toBe(403);
	await expect(resident.page.getByTestId('error-page')).toContainText('纪要尚未发布');

	// Finalised and approved: the resident reads the text, with no versions to open or compare.
	const recorder = await signedInPerson(browser, baseURL!, 'recorder');
	await recorder.page.goto(`/meetings/${id}/minutes`);
	await recorder.page.getByTestId('finalise').click();
	await expect(recorder.page.getByTestId('minutes-status')).toHaveText('已定稿，待主持人审定');
	const chair = await signedInPerson(browser, baseURL!, 'chair');
	await chair.page.goto(`/meetings/${id}/minutes`);
	await chair.page.getByTestId('approve').click();
	await expect(chair.page.getByTestId('minutes-status')).toHaveText('已审定');
	const compare = await chair.page
		.getByTestId('versions')
		.getByRole('link')
		.first()
		.getAttribute('href');
	expect(compare).toMatch(/^\?compare=/);

	await resident.page.goto(`/meetings/${id}/minutes${compare}`);
	await expect(resident.page.getByTestId('minutes-status')).toHaveText('已审定');
	await expect(resident.page.getByRole('heading', { name: '历史版本' })).toHaveCount(0);
	await expect(resident.page.getByTestId('diff')).toHaveCount(0);

	// The print layout opens with the header block minutes carry.
	await chair.page.goto(`/meetings/${id}/minutes/print`);
	for (const label of ['时间', '地点', '主持人', '记录人', '出席', '议程'])
		await expect(
			chair.page.getByTestId('minutes-header').getByRole('rowheader', { name: label })
		).toBeVisible();
	await expect(chair.page.getByTestId('minutes-header')).toContainText('河道治理方案');
	for (const p of [other, resident, recorder, chair]) await p.context.close();
});

test('a need put on an agenda item while the meeting page is open shows there without a reload', async ({
	browser,
	baseURL
}) => {
	const admin = await apiAs(baseURL!, 'admin');
	const units = (
		(await (await admin.get('/api/v1/units?limit=200')).json()) as {
			items: { id: string; name: string }[];
		}
	).items;
	const start = new Date(Date.now() + 86_400_000);
	const created = await admin.post('/api/v1/meetings', {
		data: {
			type: 'thematic',
			title: `E2E 议程实时 ${Date.now()}`,
			startsAt: start.toISOString(),
			endsAt: new Date(start.getTime() + 3_600_000).toISOString(),
			visibility: 'members',
			quorum: 0,
			status: 'scheduled',
			unitIds: [units[0]!.id]
		}
	});
	expect(created.status()).toBe(201);
	const { id } = (await created.json()) as { id: string };
	const resident = await apiAs(baseURL!, 'resident5');
	const newNeed = async (title: string) =>
		(
			(await (
				await resident.post('/api/v1/needs', {
					data: { title, description: '希望尽快处理。', category: 'elderly', visibility: 'public' }
				})
			).json()) as { id: string }
		).id;
	const first = await newNeed('社区老年食堂排队太久');
	const { itemId } = (await (
		await admin.post(`/api/v1/meetings/${id}/agenda/needs`, {
			data: { needIds: [first], title: '老年食堂' }
		})
	).json()) as { itemId: string };

	const chair = await signedInPerson(browser, baseURL!, 'chair');
	await chair.page.goto(`/meetings/${id}`);
	await expect(chair.page.getByTestId('agenda')).toHaveAttribute('data-synced', 'true', {
		timeout: 15_000
	});
	const item = chair.page.locator(`[data-item="${itemId}"]`);
	await expect(item.getByRole('link', { name: '社区老年食堂排队太久' })).toBeVisible();

	// Someone else puts a second need onto the same item: its title and link appear.
	const second = await newNeed('食堂菜价偏高');
	expect(
		(
			await admin.post(`/api/v1/meetings/${id}/agenda/needs`, {
				data: { needIds: [second], itemId }
			})
		).status()
	).toBe(200);
	await expect(item.getByRole('link', { name: '食堂菜价偏高' })).toBeVisible();
	await Promise.all([admin.dispose(), resident.dispose(), chair.context.close()]);
});

test('the meeting form says whether residents may ask to speak (off unless ticked), and keeps it', async ({
	browser,
	baseURL
}) => {
	const admin = await signedInPerson(browser, baseURL!, 'admin');
	await admin.page.goto('/meetings/new');
	await hydrated(admin.page);
	const title = `E2E 居民发言 ${Date.now()}`;
	await admin.page.getByLabel('会议名称').fill(title);
	await admin.page.locator('#startsLocal').fill('2027-01-05T19:00');
	await admin.page.locator('#endsLocal').fill('2027-01-05T20:30');
	await admin.page.locator('input[name="visibility"][value="public"]').check();
	const box = admin.page.getByTestId('residents-may-speak');
	await expect(box).not.toBeChecked();
	await box.check();
	await admin.page.getByRole('button', { name: '发布会议' }).click();
	await expect(admin.page).toHaveURL(/\/meetings\/(?!new$)[a-z0-9]+$/, { timeout: 15_000 });
	const id = new URL(admin.page.url()).pathname.split('/').pop()!;
	const meeting = (await (await admin.page.request.get(`/api/v1/meetings/${id}`)).json()) as {
		residentsMaySpeak: boolean;
		visibility: string;
	};
	expect(meeting).toMatchObject({ visibility: 'public', residentsMaySpeak: true });
	await admin.page.goto(`/meetings/${id}?edit=1`);
	await expect(admin.page.getByTestId('residents-may-speak')).toBeChecked();
	await admin.context.close();
});
