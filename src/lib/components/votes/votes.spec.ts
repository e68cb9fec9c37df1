import type { Component } from 'svelte';
import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import { en as enBase } from '$lib/i18n/en';
import { zhCN as zhBase } from '$lib/i18n/zh-CN';
import { decisionsEn } from '$lib/i18n/decisions.en';
import { decisionsZhCN } from '$lib/i18n/decisions.zh-CN';
import { executionEn } from '$lib/i18n/execution.en';
import { executionZhCN } from '$lib/i18n/execution.zh-CN';

// Decisions' pages load their section on top of the base catalogue; so do these renders.
const en = { ...enBase, ...decisionsEn, ...executionEn };
const zhCN = { ...zhBase, ...decisionsZhCN, ...executionZhCN };
import type { MySeat, VoteView } from '$lib/shared/votes/view';
import BallotForm from './BallotForm.svelte';
import RollList from './RollList.svelte';
import TestI18n from './TestI18n.svelte';
import VoteResult from './VoteResult.svelte';
import VoteStatus from './VoteStatus.svelte';
import { closed, codeOf, openVote, roll, seats } from './fixtures';

/** The page as a server sends it, before any script runs. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each component with its own props
function html(component: Component<any>, props: Record<string, unknown>, locale = 'zh-CN'): string {
	const messages = locale === 'en' ? en : zhCN;
	return render(TestI18n, { props: { component, props, messages, locale } }).body;
}
/** What a person reads: tags dropped, entities decoded, white space collapsed. */
function text(body: string): string {
	return body
		.replace(/<[^>]*>/g, ' ')
		.replace(/&gt;/g, '>')
		.replace(/&lt;/g, '<')
		.replace(/&quot;/g, '"')
		.replace(/&#39;/g, "'")
		.replace(/&amp;/g, '&')
		.replace(/\s+/g, ' ');
}
const count = (body: string, re: RegExp) => body.match(new RegExp(re, 'g'))?.length ?? 0;
const one: MySeat[] = [seats[0]!];

describe('BallotForm: a real form per seat, before scripts load', () => {
	it('yes/no/abstain: three submit buttons named choice, posting to the action with the seat', () => {
		const body = html(BallotForm, { vote: openVote('yna'), seats: one, action: '?/cast' });
		expect(body).toMatch(/<form[^>]*method="post"[^>]*action="\?\/cast"/);
		expect(body).toMatch(/<input type="hidden" name="seat" value="s1"/);
		for (const [value, word] of [
			['yes', '赞成'],
			['no', '反对'],
			['abstain', '弃权']
		])
			expect(body).toMatch(
				new RegExp(`<button type="submit" name="choice" value="${value}"[^>]*>${word}</button>`)
			);
		expect(text(body)).toContain('记名投票：计票后会公布每个人投了什么');
	});

	it('says plainly what a secret vote keeps secret, and from whom not', () => {
		const t = text(html(BallotForm, { vote: openVote('single', { secret: true }), seats: one }));
		expect(t).toContain('其他参会人和管理员都看不到你投了什么');
		expect(t).toContain('运行服务器的人');
	});

	it('single choice is a radio list; multiple a checkbox list with its limit in words', () => {
		const single = html(BallotForm, { vote: openVote('single'), seats: one });
		expect(count(single, /type="radio" name="choice"/)).toBe(4);
		const multiple = html(BallotForm, { vote: openVote('multiple'), seats: one });
		expect(count(multiple, /type="checkbox" name="choices"/)).toBe(4);
		expect(text(multiple)).toContain('最多选 2 项');
		expect(text(multiple)).toContain('已选 0 项，最多 2 项');
	});

	it('ranked methods post one select per rank position, in order, each offering every option', () => {
		for (const method of ['irv', 'borda', 'schulze'] as const) {
			const body = html(BallotForm, { vote: openVote(method), seats: one });
			expect(count(body, /<select[^>]*name="ranking"/), method).toBe(4);
			expect(text(body)).toContain('第 4 位');
			expect(count(body, /<option value="o3"/), method).toBe(4);
		}
	});

	it('score: six radio buttons 0–5 per option, none chosen in advance', () => {
		const body = html(BallotForm, { vote: openVote('score'), seats: one });
		for (const id of ['o1', 'o2', 'o3', 'o4'])
			expect(count(body, new RegExp(`type="radio" name="score\\.${id}"`))).toBe(6);
		expect(body).not.toMatch(/checked/);
		expect(text(body)).toContain('0 分最低，5 分最高');
	});

	it('a proxy holder gets one form per waiting seat, each headed with whose vote it is', () => {
		const body = html(BallotForm, { vote: openVote('yna'), seats });
		expect(count(body, /<form/)).toBe(2);
		expect(text(body)).toContain('张建国');
		expect(text(body)).toContain('受 李秀英 委托代投');
	});

	it('a cast seat says it was counted and shows its tracking code and what the code is for', () => {
		const cast: MySeat = { ...seats[0]!, status: 'cast', castAt: 1, trackingCode: 'K7QX-2931' };
		const room: MySeat = { ...seats[1]!, status: 'room' };
		const body = html(BallotForm, { vote: openVote('yna'), seats: [cast, room] });
		const t = text(body);
		expect(count(body, /<form/)).toBe(0);
		expect(t).toContain('已投票');
		expect(t).toContain('K7QX-2931');
		expect(t).toContain('在公布的选票中找到它');
		expect(t).toContain('已在会场举手表决');
		const off = text(
			html(BallotForm, { vote: openVote('yna', { trackingCodes: false }), seats: [cast] })
		);
		expect(off).not.toContain('K7QX-2931');
	});

	it('no form before the vote opens or after it closes', () => {
		const draft = html(BallotForm, { vote: openVote('yna', { status: 'draft' }), seats: one });
		expect(count(draft, /<form/)).toBe(0);
		expect(text(draft)).toContain('表决尚未开始');
		const done = html(BallotForm, { vote: openVote('yna', { status: 'closed' }), seats: one });
		expect(text(done)).toContain('表决已结束');
	});
});

describe('VoteResult: every method, counted by tally()', () => {
	it('yes/no/abstain: outcome, totals online and in the room, both checks, named list, ballots, hash', () => {
		const body = html(VoteResult, { vote: closed.yna });
		const t = text(body);
		expect(t).toContain('结果：通过');
		expect(t).toMatch(/有表决权 12 投票 11 有效 11 弃权 1 线上 9 会场举手 2/);
		expect(t).toContain('法定人数为有表决权者 12 人的半数，即 7 人：参加 11 人，已达到');
		expect(t).toContain('需赞成达到计票基数 10 票的2/3以上：要 7 票，得 8 票，已达到');
		expect(t).toContain('弃权票不计入基数');
		expect(t).toMatch(/赞成 8 6 2 72\.7%/);
		expect(t).toContain('记名表决情况');
		expect(t).toContain('由 王秘书 代投');
		expect(t).toContain(codeOf(0));
		expect(t).toContain('共 11 张');
		expect(t).toContain(closed.yna.result!.hash);
	});

	it('a secret vote shows totals and the winner, and no one’s name', () => {
		const t = text(html(VoteResult, { vote: closed.single }));
		expect(t).toContain('胜出：街心花园');
		expect(t).toMatch(/街心花园 ✓? ?3 42\.9%/);
		expect(t).not.toContain('记名表决情况');
		expect(t).not.toContain('张建国');
	});

	it('multiple choice: counts per option and the winner', () => {
		const t = text(html(VoteResult, { vote: closed.multiple }));
		expect(t).toContain('胜出：老年食堂');
		expect(t).toMatch(/老年食堂 3 75%/);
	});

	it('instant runoff: a table per round, exclusions with their rule, exhausted ballots', () => {
		const body = html(VoteResult, { vote: closed.irv });
		const t = text(body);
		expect(count(body, /data-testid="irv-round"/)).toBe(2);
		expect(t).toContain('第 1 轮');
		expect(t).toContain('本轮淘汰：文化站、篮球场（几项并列最少，一同淘汰）');
		expect(t).toContain('已用尽的选票（排的选项都已淘汰）：1 张');
		expect(t).toContain('计入的选票 9 张，过半数需 5 票');
		expect(t).toContain('胜出：老年食堂');
	});

	it('a tie for exclusion no rule breaks is a tie, said with its options', () => {
		const t = text(html(VoteResult, { vote: closed.irvTie }));
		expect(t).toContain('结果：平票');
		expect(t).toContain('平票：文化站、篮球场');
		expect(t).toContain('第 1 轮 文化站、篮球场 并列最少');
		expect(t).toContain('等待主持人投决定票或重新表决');
	});

	it('Borda: points out of the most possible', () => {
		const t = text(html(VoteResult, { vote: closed.borda }));
		expect(t).toMatch(/老年食堂 ✓? ?21 77\.8%/);
		expect(t).toContain('每项最高可得 27 分');
	});

	it('Schulze: a pairwise table with row and column headers, and the ranking', () => {
		const body = html(VoteResult, { vote: closed.schulze });
		expect(count(body, /<th scope="col">/)).toBeGreaterThanOrEqual(4);
		expect(count(body, /<th scope="row">/)).toBeGreaterThanOrEqual(4);
		const t = text(body);
		expect(t).toContain('两两比较');
		expect(t).toMatch(/老年食堂 5 — 7 9/);
		expect(t).toContain('老年食堂 与其他每个选项两两比较都占多数');
		expect(t).toMatch(/排名 老年食堂 文化站 篮球场 街心花园/);
	});

	it('score: mean, median and total per option', () => {
		const t = text(html(VoteResult, { vote: closed.score }));
		expect(t).toMatch(/方案甲 3\.67 4 11/);
		expect(t).toContain('胜出：方案乙');
	});

	it('a tie names the casting vote, or links the re-vote', () => {
		expect(text(html(VoteResult, { vote: closed.tie }))).toContain('主持人 张主任 投决定票：赞成');
		const revote: VoteView = {
			...closed.tie,
			decision: { kind: 'revote', voteId: 'v-again', at: 0 }
		};
		expect(html(VoteResult, { vote: revote })).toMatch(
			/<a href="\/votes\/v-again">查看重新表决<\/a>/
		);
	});

	it('marks the viewer’s own ballots in the published list', () => {
		const body = html(VoteResult, { vote: closed.yna, myCodes: [codeOf(3)] });
		expect(count(body, /我的选票/)).toBe(1);
		expect(body).toMatch(new RegExp(`<tr[^>]*data-code="${codeOf(3)}"[^>]*class="[^"]*\\bmine\\b`));
	});

	it('speaks English when the page does', () => {
		const t = text(html(VoteResult, { vote: closed.yna }, 'en'));
		expect(t).toContain('Outcome: Adopted');
		expect(t).toContain('Needs at least 2/3 of the 10 votes counted: 7 needed, 8 received — met');
		expect(t).toContain('Published ballots');
	});
});

describe('VoteStatus and RollList', () => {
	const live = openVote('yna', {
		counts: { eligible: 12, present: 11, cast: 5, inRoom: 2 },
		closesAt: 1_000_000 + 95_000,
		liveResults: true,
		running: { yes: 3, no: 1, abstain: 1 }
	});

	it('counts, an accessible progress bar and the time left on the server’s clock', () => {
		const body = html(VoteStatus, { vote: live, now: 1_000_000 });
		expect(body).toMatch(/role="progressbar"[^>]*aria-valuemax="12"[^>]*aria-valuenow="5"/);
		expect(body).toContain('aria-valuetext="已投 5 / 12"');
		const t = text(body);
		expect(t).toMatch(/有表决权 12 在场 11 已投 5 会场举手 2/);
		expect(t).toContain('还剩 1:35');
		expect(t).toMatch(/实时票数 赞成 3 反对 1 弃权 1/);
	});

	it('never shows a running count for a secret vote', () => {
		const t = text(html(VoteStatus, { vote: { ...live, secret: true }, now: 1_000_000 }));
		expect(t).not.toContain('实时票数');
	});

	it('the roll: names, presence, proxies and who has voted', () => {
		const t = text(html(RollList, { roll }));
		expect(t).toContain('已投 2 / 5');
		expect(t).toContain('委托 王芳 代投');
		expect(t).toMatch(/张建国 街道办 在场 ✓ 已投/);
		expect(t).toMatch(/陈静 街道办 在场 ✓ 会场举手/);
	});
});
