/** 简体中文 — the few decisions' words every page may show (navigation, links, the hall's announcements); the rest load with the pages that need them (decisions.zh-CN.ts). */
export const votesBaseZhCN = {
	'nav.votes': '表决',
	'nav.resolutions': '决议',
	'home.card.votes': '会间表决、待我投票的事项',
	'home.card.resolutions': '已通过的决议及其回应的群众需求',
	'votes.meeting.heading': '表决与决议',
	'votes.meeting.votes': '本次会议的表决',
	'votes.meeting.resolutions': '本次会议的决议',
	'votes.need.resolutions': '回应这项需求的决议',
	'hall.tab.votes': '表决',
	'hall.votes.yourTurn': '请投票：{title}',
	'hall.votes.opened': '表决开始：{title}',
	'hall.votes.closedNews': '表决结束：{title}，结果：{outcome}',
	'hall.votes.goVote': '去投票',
	'hall.insertVoteResult': '插入表决结果',
	'hall.insertVoteWhich': '要插入的表决'
} as const;
