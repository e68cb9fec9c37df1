import { describe, expect, it } from 'vitest';
import { closed, openVote } from '$lib/components/votes/fixtures';
import { translate, type MessageKey } from '../../i18n';
import {
	describeBallot,
	optionLabel,
	quorumPhrase,
	resultAsMinutesText,
	say,
	thresholdPhrases,
	ynaChoiceOf
} from './describe';
import { tally } from './tally';
import type { Threshold, YnaBallot } from './methods';

const zh = (key: MessageKey, params?: Record<string, string | number>) =>
	translate('zh-CN', key, params);
const en = (key: MessageKey, params?: Record<string, string | number>) =>
	translate('en', key, params);

describe('a ballot in words', () => {
	const places = openVote('irv');

	it('says each method’s ballot the way a person reads it', () => {
		expect(describeBallot(openVote('yna'), { choice: 'abstain' }, zh)).toBe('弃权');
		expect(describeBallot(places, { choice: 'o2' }, zh)).toBe('老年食堂');
		expect(describeBallot(places, { choices: ['o3', 'o1'] }, zh)).toBe('文化站、街心花园');
		expect(describeBallot(places, { choices: ['o3', 'o1'] }, en)).toBe('文化站, 街心花园');
		expect(describeBallot(places, { ranking: ['o1', 'o3', 'o2'] }, zh)).toBe(
			'街心花园 > 文化站 > 老年食堂'
		);
	});

	it('reads a score card in the vote’s option order, whatever order the card came in', () => {
		expect(describeBallot(places, { scores: { o2: 0, o1: 5 } }, zh)).toBe(
			'街心花园 5 分、老年食堂 0 分'
		);
	});

	it('knows yes, no and abstain by answer or by option id, in the shown language', () => {
		const v = openVote('yna');
		expect(ynaChoiceOf(v, 'o2')).toBe('no');
		expect(ynaChoiceOf(v, 'abstain')).toBe('abstain');
		expect(ynaChoiceOf(v, 'x')).toBeNull();
		expect(optionLabel(v, 'o1', en)).toBe('Yes');
		expect(optionLabel(v, 'unknown-id', zh)).toBe('unknown-id');
	});
});

describe('threshold and quorum sentences', () => {
	const counted = (threshold: Threshold, choices: YnaBallot['choice'][], eligible: number) => {
		const r = tally(
			{ method: 'yna', threshold },
			choices.map((choice) => ({ choice })),
			eligible
		);
		if (r.detail.method !== 'yna') throw new Error('not yna');
		return r.detail;
	};
	const yes8no2abs1: YnaBallot['choice'][] = [
		...Array<'yes'>(8).fill('yes'),
		'no',
		'no',
		'abstain'
	];

	it('two thirds of votes cast: says the base, the votes needed and got, and that abstentions are out', () => {
		const th: Threshold = { kind: 'two-thirds', abstentionsInBase: false };
		const d = counted(th, yes8no2abs1, 12);
		const lines = thresholdPhrases(d.threshold, th, d.counts.yes, zh).map((p) => say(zh, p));
		expect(lines).toEqual([
			'需赞成达到计票基数 10 票的2/3以上：要 7 票，得 8 票，已达到',
			'弃权票不计入基数'
		]);
	});

	it('counts abstentions in the base when the vote says so, and says so', () => {
		const th: Threshold = { kind: 'simple', abstentionsInBase: true };
		const d = counted(th, ['yes', 'yes', 'no', 'abstain', 'abstain'], 9);
		const lines = thresholdPhrases(d.threshold, th, d.counts.yes, en).map((p) => say(en, p));
		expect(lines).toEqual([
			'Needs more than half of the 5 votes counted: 3 needed, 2 received — not met',
			'Abstentions count toward the base'
		]);
	});

	it('an absolute majority is of all eligible voters, so abstentions are not mentioned', () => {
		const th: Threshold = { kind: 'absolute', abstentionsInBase: false };
		const d = counted(th, yes8no2abs1, 20);
		const lines = thresholdPhrases(d.threshold, th, d.counts.yes, zh).map((p) => say(zh, p));
		expect(lines).toEqual(['需赞成超过全体有表决权者 20 人的半数：要 11 票，得 8 票，未达到']);
	});

	it('more yes than no is said as such', () => {
		const th: Threshold = { kind: 'simple', abstentionsInBase: false };
		const d = counted(th, ['yes', 'yes', 'no'], 5);
		expect(say(zh, thresholdPhrases(d.threshold, th, 2, zh)[0]!)).toBe(
			'需赞成多于反对：要 2 票，得 2 票，已达到'
		);
	});

	it('quorum as a share of those eligible names the share, the head count and the turnout', () => {
		const r = closed.yna.result!;
		expect(say(zh, quorumPhrase(r.quorum, closed.yna.quorum, r.totals.eligible, zh))).toBe(
			'法定人数为有表决权者 12 人的半数，即 7 人：参加 11 人，已达到'
		);
		const none = closed.single.result!;
		expect(say(en, quorumPhrase(none.quorum, null, none.totals.eligible, en))).toBe(
			'No quorum set (7 took part)'
		);
	});
});

describe('the result as the minutes record it', () => {
	it('a named motion: title, method, outcome, counts, checks, and who voted what', () => {
		const text = resultAsMinutesText(closed.yna, zh);
		expect(text).toContain('表决：关于加装电梯补贴方案的动议（赞成/反对/弃权，记名）。');
		expect(text).toContain('结果：通过。');
		expect(text).toContain('有表决权 12 人，投票 11 张，有效 11 张。');
		expect(text).toContain('其中会场举手 2 票，线上 9 票。');
		expect(text).toContain('赞成 8 票、反对 2 票、弃权 1 票。');
		expect(text).toContain('要 7 票，得 8 票，已达到。');
		expect(text).toContain('张建国 赞成');
		expect(text).not.toContain('\n');
	});

	it('a secret vote gives totals and the winner, and no names', () => {
		const text = resultAsMinutesText(closed.single, zh);
		expect(text).toContain('（单选，无记名）');
		expect(text).toContain('胜出：街心花园。');
		expect(text).toContain('街心花园 3 票');
		expect(text).not.toContain('记名表决');
		for (const name of ['张建国', '李秀英']) expect(text).not.toContain(name);
	});

	it('a tie names the tied options and the casting vote', () => {
		const text = resultAsMinutesText(closed.tie, zh);
		expect(text).toContain('结果：平票。');
		expect(text).toContain('平票：赞成、反对。');
		expect(text).toContain('主持人 张主任 投决定票：赞成。');
	});

	it('ranked methods give their rounds or ranking; score gives means and medians; in English too', () => {
		expect(resultAsMinutesText(closed.irv, zh)).toContain(
			'经 2 轮即时决选，最后一轮 街心花园 4 票、老年食堂 5 票'
		);
		expect(resultAsMinutesText(closed.schulze, zh)).toContain(
			'排名 老年食堂 > 文化站 > 篮球场 > 街心花园'
		);
		expect(resultAsMinutesText(closed.borda, en)).toContain('老年食堂: 21 points');
		expect(resultAsMinutesText(closed.score, en)).toContain('方案甲: mean 3.67 (median 4)');
		expect(resultAsMinutesText(closed.score, en)).toMatch(
			/^Vote: .+ \(Score \(0–5\), named\)\. Outcome: Adopted\. Winner: 方案乙\./
		);
	});
});
