/** Supervision's views as the API sends them: times as ISO 8601 strings. */
import type { SupervisionRow } from './list';
import type { NoticeView } from './notice-view';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export const rowForApi = (r: SupervisionRow) => ({
	...r,
	acceptBy: r.acceptBy.toISOString(),
	acceptedAt: iso(r.acceptedAt),
	dueAt: r.dueAt.toISOString(),
	doneAt: iso(r.doneAt)
});

export const noticeForApi = (n: NoticeView) => ({
	...n,
	replyBy: n.replyBy.toISOString(),
	issuedAt: n.issuedAt.toISOString(),
	repliedAt: iso(n.repliedAt),
	lateAt: iso(n.lateAt)
});
