/**
 * 简体中文 — the text of execution's notifications. Only the server reads it (the notification
 * centre and the API render a notification's text there; the browser's bell shows a count), so
 * it sits in the lazily loaded execution section and no page downloads it by default.
 */
export const executionNotificationsZhCN = {
	'notif.task.dispatched': '新任务待接单：“{title}”，请在 {acceptBy} 前接单或退回',
	'notif.task.accepted': '“{title}”已由{unit}接单办理',
	'notif.task.returned': '{unit}退回了任务“{title}”：{reason}',
	'notif.task.report': '“{title}”有新进展（{progress}%）',
	'notif.task.submitted': '“{title}”已提交验收',
	'notif.task.approved': '任务“{title}”已通过验收',
	'notif.task.rejected': '任务“{title}”验收未通过：{reason}',
	'notif.task.acceptLate': '任务“{title}”超过接单时限仍未接单',
	'notif.task.dueSoon': '任务“{title}”将于 {dueAt} 到期',
	'notif.task.overdue': '任务“{title}”已逾期',
	'notif.need.done': '您关心的需求“{title}”已办结，请为办理结果评分',
	'notif.summons': '吹哨报到：“{title}”，请在 {respondBy} 前响应',
	'notif.summons.late': '“{title}”的报到时限已过，{unit}尚未响应',
	'notif.notice': '督办单：{unit}须在 {replyBy} 前回复“{title}”',
	'notif.notice.reply': '{unit}回复了督办单“{title}”',
	'notif.notice.late': '督办单“{title}”已过回复期限，{unit}尚未回复',
	'notif.project.claimed': '{unit}认领了项目“{title}”'
} as const;
