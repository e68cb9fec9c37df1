/**
 * English — the text of execution's notifications. Only the server reads it (the notification
 * centre and the API render a notification's text there; the browser's bell shows a count), so
 * it sits in the lazily loaded execution section and no page downloads it by default.
 */
export const executionNotificationsEn = {
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
