/** English — the few execution words every page may show: navigation, home cards, notifications. */
export const executionBaseEn = {
	'nav.tasks': 'Tasks',
	'nav.supervision': 'Supervision',
	'nav.dashboard': 'Dashboard',
	'nav.projects': 'Projects',
	'nav.notices': 'Supervision notices',
	'nav.standings': 'Unit ranking',
	'home.card.notices': 'Supervision notices to your unit and their reply dates',
	'home.card.standings': "Member units' duty points, ranking and the rules",
	'nav.evaluation': 'Annual evaluation',
	'home.card.evaluation':
		'The annual evaluation report: needs, resolutions, tasks, units and satisfaction, printable',
	'home.card.tasks': 'Dispatch, acceptance, progress and approval',
	'home.card.supervision': 'Late and due tasks, supervision notices, ranking',
	'home.card.dashboard': 'Needs, resolutions, tasks and satisfaction in figures',
	'home.card.projects': "This quarter's projects, who claimed them, and open finances"
} as const;
