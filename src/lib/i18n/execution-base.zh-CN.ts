/** 简体中文 — the few execution words every page may show: navigation, home cards, notifications. */
export const executionBaseZhCN = {
	'nav.tasks': '任务',
	'nav.supervision': '督办',
	'nav.dashboard': '数据看板',
	'nav.projects': '项目清单',
	'nav.notices': '督办单',
	'nav.standings': '红黑榜',
	'home.card.notices': '本单位收到的督办单和回复期限',
	'home.card.standings': '成员单位履职积分排名和计分规则',
	'nav.evaluation': '年度评估',
	'home.card.evaluation': '年度综合评估报告：需求、决议、任务、单位和满意度，可打印',
	'home.card.tasks': '派单、接单、进展和验收',
	'home.card.supervision': '逾期和临期任务、督办单、红黑榜',
	'home.card.dashboard': '需求、决议、任务和满意度的统计',
	'home.card.projects': '本季度项目、认领单位和阳光财务'
} as const;
