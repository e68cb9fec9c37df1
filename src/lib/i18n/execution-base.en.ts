/** English — the few execution words every page may show: navigation, home cards, notifications. */
export const executionBaseEn = {
	'nav.tasks': 'Tasks',
	'nav.supervision': 'Supervision',
	'nav.dashboard': 'Dashboard',
	'nav.projects': 'Projects',
	'home.card.tasks': 'Dispatch, acceptance, progress and approval',
	'home.card.supervision': 'Late and due tasks, supervision notices, ranking',
	'home.card.dashboard': 'Needs, resolutions, tasks and satisfaction in figures',
	'home.card.projects': "This quarter's projects, who claimed them, and open finances",
	'notif.task.dispatched': 'New task to accept: "{title}". Accept or return it by {acceptBy}',
	'notif.task.accepted': '"{title}" was accepted by {unit}',
	'notif.task.returned': '{unit} returned the task "{title}": {reason}',
	'notif.task.report': 'New progress on "{title}" ({progress}%)',
	'notif.task.submitted': '"{title}" was handed in for approval',
	'notif.task.approved': 'The task "{title}" was approved as done',
	'notif.task.rejected': 'The task "{title}" was sent back: {reason}',
	'notif.task.acceptLate': 'The task "{title}" was not accepted in time',
	'notif.task.dueSoon': 'The task "{title}" is due {dueAt}',
	'notif.task.overdue': 'The task "{title}" is overdue',
	'notif.need.done': 'The need "{title}" you follow has been dealt with: please rate the result',
	'notif.summons': 'Summons: "{title}". Please respond by {respondBy}',
	'notif.summons.late': 'The time to respond to "{title}" has passed and {unit} has not responded',
	'notif.notice': 'Supervision notice: {unit} must reply to "{title}" by {replyBy}',
	'notif.notice.reply': '{unit} replied to the supervision notice "{title}"',
	'notif.notice.late':
		'The supervision notice "{title}" is past its reply date and {unit} has not replied',
	'notif.project.claimed': '{unit} claimed the project "{title}"'
} as const;
