/** A person's notifications, pushed as they are created. */

export type NotificationKind =
	| 'need.status'
	| 'need.merged'
	| 'need.overdue'
	| 'meeting.scheduled'
	| 'meeting.changed'
	| 'meeting.cancelled'
	| 'meeting.live'
	| 'minutes.approved'
	| 'vote.opened'
	| 'vote.reminder'
	| 'vote.closed'
	| 'task.dispatched'
	| 'task.accepted'
	| 'task.returned'
	| 'task.report'
	| 'task.submitted'
	| 'task.approved'
	| 'task.rejected'
	| 'task.acceptLate'
	| 'task.dueSoon'
	| 'task.overdue'
	| 'need.done'
	| 'summons'
	| 'summons.late'
	| 'notice'
	| 'notice.reply'
	| 'notice.late'
	| 'project.claimed';

export interface NotificationPayload {
	id: string;
	kind: NotificationKind;
	params: Record<string, string | number>;
	link: string;
	createdAt: string;
}

export interface NotificationServerEvents {
	/** A new notification for this person. */
	'notification:new': (payload: NotificationPayload) => void;
}
