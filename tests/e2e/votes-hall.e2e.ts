/**
 * Decisions in the live hall, one browser per person: the chair prepares and opens a named and
 * a secret vote; three members vote (one on a phone in elder mode), one of them also for a
 * member who handed them their vote before it opened; the giver and a resident get no voting
 * panel, and the server refuses the resident's ballot; the results reach every screen and the
 * minutes; a voter finds their tracking code in the secret vote's published ballots.
 *
 * The meeting is called through the API (the demo meetings other tests read stay as they are).
 */
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import {
	apiAs,
	DESKTOP,
	hydrated,
	MOBILE,
	seriousA11yFindings,
	setPreferences,
	signedInPerson,
	type Person
} from './helpers';

interface Named {
	id: string;
	name: string;
}

/** The units of member1–member4 (区城市管理局, 区卫生健康委员会, 区交通委员会, 第一中学). */
const UNITS = ['区城市管理局', '区卫生健康委员会', '区交通委员会', '第一中学'];

/** A public meeting for 滨河社区 with member1–4's units invited and one agenda item, started by the chair. */
async function liveVotingMeeting(baseURL: string): Promise<string> {
	const admin = await apiAs(baseURL, 'admin');
	const units = ((await (await admin.get('/api/v1/units?limit=200')).json()) as { items: Named[] })
		.items;
	const communities = (
		(await (await admin.get('/api/v1/communities')).json()) as { items: Named[] }
	).items;
	const binhe = communities.find((c) => c.name === '滨河社区')!;
	const start = new Date(Date.now() + 3_600_000);
	const created = await admin.post('/api/v1/meetings', {
		data: {
			type: 'resident_deliberation',
			title: `E2E 表决 ${Date.now().toString(36)}`,
			startsAt: start.toISOString(),
			endsAt: new Date(start.getTime() + 3_600_000).toISOString(),
			place: '滨河社区活动中心',
			visibility: 'public',
			quorum: 1,
			status: 'scheduled',
			unitIds: UNITS.map((n) => units.find((u) => u.name === n)!.id),
			communityIds: [binhe.id]
		}
	});
	expect(created.status(), 'create meeting').toBe(201);
	const { id } = (await created.json()) as { id: string };
	const needs = (
		(await (await admin.get(`/api/v1/needs?community=${binhe.id}`)).json()) as {
			items: { id: string; status: string }[];
		}
	).items.filter((n) => n.status !== 'merged' && n.status !== 'declined');
	const item = await admin.post(`/api/v1/meetings/${id}/agenda/needs`, {
		data: { needIds: [needs[0]!.id], title: '河道治理方案' }
	});
	expect(item.status(), 'agenda item').toBe(200);
	await admin.dispose();
	const chair = await apiAs(baseURL, 'chair');
	expect((await chair.post(`/api/v1/meetings/${id}/start`)).status(), 'start meeting').toBe(200);
	await chair.dispose();
	return id;
}

async function enterHall(p: Person, meetingId: string) {
	await p.page.goto(`/meetings/${meetingId}/hall`);
	await hydrated(p.page);
	await expect(p.page.getByTestId('connection-status').first()).toContainText('实时连接正常');
}

/** On a phone the votes are a tab of their own; on a desktop a column shows them. */
async function showVotes(page: Page) {
	const tab = page.getByRole('tab', { name: '表决' });
	if (await tab.isVisible()) await tab.click();
}

const voteCard = (page: Page, title: string) =>
	page.getByTestId('hall-vote').filter({ has: page.getByRole('heading', { name: title }) });

/** The chair prepares a vote in the hall's form and opens it; returns its id. */
async function prepareAndOpen(
	chair: Page,
	api: APIRequestContext,
	meetingId: string,
	vote: { title: string; secret: boolean; options?: string[] }
): Promise<string> {
	await chair.getByTestId('prepare-vote').click();
	const form = chair.getByTestId('vote-form');
	await form.getByLabel('表决事项').fill(vote.title);
	if (vote.options) {
		await form.getByLabel('表决方式').selectOption('single');
		await form.getByLabel('选项（每行一个）').fill(vote.options.join('\n'));
	}
	await form.getByLabel('应到的全体委员').check();
	if (vote.secret) await form.getByLabel('无记名投票').check();
	await form.getByTestId('save-vote').click();
	await expect(form).toHaveCount(0);
	const card = voteCard(chair, vote.title);
	await card.getByTestId('open-vote').click();
	await expect(card).toHaveAttribute('data-status', 'open');
	const list = (await (await api.get(`/api/v1/votes?meeting=${meetingId}`)).json()) as {
		items: { id: string; title: string }[];
	};
	return list.items.find((v) => v.title === vote.title)!.id;
}

async function closeVote(chair: Page, title: string) {
	await voteCard(chair, title).getByTestId('close-vote').click();
	await chair
		.getByRole('dialog', { name: '结束表决？' })
		.getByRole('button', { name: '结束并公布结果' })
		.click();
}

test('named and secret votes in the hall: members, a proxy, a resident, results everywhere and in the minutes', async ({
	browser,
	baseURL
}, testInfo) => {
	test.setTimeout(180_000);
	const id = await liveVotingMeeting(baseURL!);
	const chairApi = await apiAs(baseURL!, 'chair');
	const chair = await signedInPerson(browser, baseURL!, 'chair', DESKTOP);
	const m1 = await signedInPerson(browser, baseURL!, 'member1', DESKTOP);
	const m2 = await signedInPerson(browser, baseURL!, 'member2', MOBILE);
	const m3 = await signedInPerson(browser, baseURL!, 'member3', DESKTOP);
	const m4 = await signedInPerson(browser, baseURL!, 'member4', MOBILE);
	const resident = await signedInPerson(browser, baseURL!, 'resident3', MOBILE);
	const everyone = [chair, m1, m2, m3, m4, resident];

	// member2 votes on a phone in elder mode.
	await m2.page.goto('/');
	await setPreferences(m2.page, { elderMode: true });
	for (const p of everyone) await enterHall(p, id);
	await expect(m2.page.locator('html.elder')).toHaveCount(1);

	// Before any vote opens, member4 hands their vote to member3 (区交通委员会代表).
	await showVotes(m4.page);
	await m4.page.getByTestId('proxy-to').selectOption({ label: '区交通委员会代表' });
	await m4.page.getByTestId('give-proxy').click();
	await expect(m4.page.getByTestId('proxy-given')).toContainText('区交通委员会代表');
	await m3.page.reload();
	await hydrated(m3.page);
	await expect(m3.page.getByTestId('proxy-list')).toContainText('第一中学代表 → 区交通委员会代表');

	// A named yes/no/abstain vote on the current item, for all members.
	const named = '河道治理方案表决';
	const namedId = await prepareAndOpen(chair.page, chairApi, id, { title: named, secret: false });

	// It reaches everyone at once. The phone switches to the votes tab by itself.
	await expect(m2.page.getByRole('tab', { name: '表决' })).toHaveAttribute('aria-selected', 'true');
	for (const p of [m1, m2, m3])
		await expect(voteCard(p.page, named).getByTestId('ballot-form')).toBeVisible();
	// member3 holds two seats (their own and member4's); member4 and the resident have no panel.
	await expect(voteCard(m3.page, named).getByTestId('ballot-seat')).toHaveCount(2);
	expect(await seriousA11yFindings(m2.page, testInfo, 'vote-open-elder-phone')).toEqual([]);
	for (const p of [m4, resident]) {
		await showVotes(p.page);
		await expect(voteCard(p.page, named).getByTestId('vote-status')).toBeVisible();
		await expect(voteCard(p.page, named).getByTestId('ballot-form')).toHaveCount(0);
		await expect(voteCard(p.page, named).getByTestId('no-seat')).toBeVisible();
	}
	await expect(voteCard(m4.page, named).getByTestId('no-seat')).toContainText('委托');
	// The server refuses a resident's ballot in a members' vote, and a second ballot from the giver.
	const refused = await resident.page.request.post(`/api/v1/votes/${namedId}/ballots`, {
		data: { choice: 'yes' },
		headers: { origin: baseURL! }
	});
	expect(refused.status()).toBe(403);
	const giver = await m4.page.request.post(`/api/v1/votes/${namedId}/ballots`, {
		data: { choice: 'no' },
		headers: { origin: baseURL! }
	});
	// The giver's seat is held by member3 now: refused as handed over (409), not counted.
	expect(giver.status()).toBe(409);

	// Three members vote; member3 casts both seats.
	await voteCard(m1.page, named).getByRole('button', { name: '赞成' }).click();
	await voteCard(m2.page, named).getByRole('button', { name: '赞成' }).click();
	const m3Seats = voteCard(m3.page, named).getByTestId('ballot-seat');
	await m3Seats.nth(0).getByRole('button', { name: '反对' }).click();
	await expect(voteCard(m3.page, named).getByTestId('ballot-cast')).toHaveCount(1);
	await voteCard(m3.page, named)
		.getByTestId('ballot-seat')
		.getByRole('button', { name: '赞成' })
		.click();
	await expect(voteCard(m3.page, named).getByTestId('ballot-cast')).toHaveCount(2);
	for (const p of [m1, m2]) {
		await expect(voteCard(p.page, named).getByTestId('ballot-cast')).toBeVisible();
		await expect(voteCard(p.page, named).getByTestId('tracking-code')).not.toBeEmpty();
	}
	// The live count rises on every screen: 4 of 5 (the chair has not voted).
	for (const p of everyone)
		await expect(voteCard(p.page, named).getByTestId('cast')).toHaveText('4');
	// The roll: the chair and the invited units' representatives (5 in the demo; other end-to-end
	// files may have added a representative to one of these units, so it is read, not assumed).
	const roll = (await (await chairApi.get(`/api/v1/votes/${namedId}/roll`)).json()) as unknown[];
	expect(roll.length).toBeGreaterThanOrEqual(5);
	await expect(voteCard(chair.page, named).getByTestId('eligible')).toHaveText(String(roll.length));

	await closeVote(chair.page, named);
	for (const p of everyone) {
		await showVotes(p.page);
		await expect(voteCard(p.page, named).getByTestId('outcome')).toContainText('通过');
	}
	expect(await seriousA11yFindings(chair.page, testInfo, 'vote-closed-chair')).toEqual([]);
	// Named: who voted what, the proxy counted once, under the giver's name, cast by the holder.
	const namedList = voteCard(resident.page, named).getByTestId('named');
	await expect(namedList).toContainText('第一中学代表');
	await expect(namedList).toContainText('区交通委员会代表');
	const api = (await (await chairApi.get(`/api/v1/votes/${namedId}`)).json()) as {
		result: { totals: { cast: number; eligible: number }; ballots: unknown[] };
	};
	expect(api.result.totals).toMatchObject({ cast: 4, eligible: roll.length });
	expect(api.result.ballots).toHaveLength(4);

	// A secret vote between two options: nobody sees a partial result, the chair included.
	const secret = '夜间照明方案选择';
	await prepareAndOpen(chair.page, chairApi, id, {
		title: secret,
		secret: true,
		options: ['方案甲', '方案乙']
	});
	for (const p of [m1, m2, m3])
		await expect(voteCard(p.page, secret).getByTestId('ballot-form')).toBeVisible();
	await voteCard(m1.page, secret).getByText('方案甲').click();
	await voteCard(m1.page, secret).getByRole('button', { name: '投出选票' }).click();
	const code = (await voteCard(m1.page, secret).getByTestId('tracking-code').innerText()).trim();
	expect(code.length).toBeGreaterThan(3);
	await voteCard(m2.page, secret).getByText('方案乙').click();
	await voteCard(m2.page, secret).getByRole('button', { name: '投出选票' }).click();
	await expect(voteCard(m2.page, secret).getByTestId('ballot-cast')).toBeVisible();
	for (const p of everyone)
		await expect(voteCard(p.page, secret).getByTestId('cast')).toHaveText('2');
	for (const p of [chair, m3])
		await expect(voteCard(p.page, secret).getByTestId('running')).toHaveCount(0);

	await closeVote(chair.page, secret);
	for (const p of everyone) {
		await showVotes(p.page);
		await expect(voteCard(p.page, secret).getByTestId('outcome')).toBeVisible();
		await expect(voteCard(p.page, secret).getByTestId('named')).toHaveCount(0);
	}

	// member1 finds their ballot in the published list by its tracking code.
	const published = voteCard(m1.page, secret).getByTestId('published-ballots');
	await published.getByRole('textbox').fill(code);
	await published.getByRole('button', { name: '查找我的选票' }).click();
	await expect(published).toContainText('找到了：这张选票记为“方案甲”');

	// The chair writes the minutes: the helper inserts the latest vote's result.
	const editor = chair.page.getByTestId('minutes-editor');
	await expect(editor).toBeVisible({ timeout: 15_000 });
	await editor.locator('p').first().click();
	await chair.page.getByTestId('insert-vote-result').click();
	await expect(editor).toContainText(secret);
	await expect(editor).toContainText('无记名');
	// And the named vote's, picked from the list.
	await chair.page.getByLabel('要插入的表决').selectOption({ label: named });
	await chair.page.getByTestId('insert-vote-result').click();
	await expect(editor).toContainText(named);
	// Readers see it in the minutes as the server renders them.
	await expect(m1.page.getByTestId('minutes-html')).toContainText(secret, { timeout: 20_000 });

	await chairApi.dispose();
	for (const p of everyone) await p.context.close();
});

test('a voter whose connection drops sees a vote opened meanwhile, and after close whether their ballot was counted', async ({
	browser,
	baseURL
}) => {
	test.setTimeout(90_000);
	const id = await liveVotingMeeting(baseURL!);
	const chairApi = await apiAs(baseURL!, 'chair');
	const chair = await signedInPerson(browser, baseURL!, 'chair', DESKTOP);
	const member = await signedInPerson(browser, baseURL!, 'member1', DESKTOP);
	for (const p of [chair, member]) await enterHall(p, id);

	// The vote opens while the member is offline: back online, the panel is there.
	await member.context.setOffline(true);
	const title = '断线期间的表决';
	await prepareAndOpen(chair.page, chairApi, id, { title, secret: true });
	await member.context.setOffline(false);
	const card = voteCard(member.page, title);
	await expect(card.getByTestId('ballot-form')).toBeVisible({ timeout: 10_000 });
	await card.getByRole('button', { name: '赞成' }).click();
	const code = (await card.getByTestId('tracking-code').innerText()).trim();

	// It closes while they are offline again: back online, the result marks their ballot as counted.
	await member.context.setOffline(true);
	await closeVote(chair.page, title);
	await expect(voteCard(chair.page, title).getByTestId('outcome')).toBeVisible();
	await member.context.setOffline(false);
	await expect(card.getByTestId('outcome')).toBeVisible({ timeout: 10_000 });
	await expect(card.getByTestId('published-ballots')).toContainText(code);
	await chairApi.dispose();
	for (const p of [chair, member]) await p.context.close();
});
