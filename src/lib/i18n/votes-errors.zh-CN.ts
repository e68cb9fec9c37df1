/** 简体中文 — what decisions answer when something is refused, and their notifications. */
export const votesErrorsZhCN = {
	'notif.vote.opened': '表决“{title}”已开始，请投票',
	'notif.vote.reminder': '表决“{title}”即将结束（{before}），您还没有投票',
	'notif.vote.closed': '表决“{title}”已结束，结果已公布',

	'admin.voting': '表决方式',
	'admin.votePer': '每次表决的票数',
	'admin.votePer.person': '每人一票',
	'admin.votePer.unit': '每个成员单位一票（由单位代表投）',
	'admin.votePer.hint': '只影响今后新建的表决；已建的表决保持原来的方式。',
	'admin.saveVoting': '保存表决方式',

	'vote.outcome.adopted': '通过',
	'vote.outcome.rejected': '未通过',
	'vote.outcome.inquorate': '未达法定人数',
	'vote.outcome.tie': '平票'
} as const;
